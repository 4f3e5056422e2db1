package dev.foresight.kustomize.build;

import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.LoadRestrictor;
import dev.foresight.kustomize.TreePath;
import dev.foresight.kustomize.transform.TransformerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What a build step may use: the tree, the kustomization's directory and file (for messages) and
 * the transformer configuration in force. Files are read relative to the kustomization directory
 * under kustomize's default load restrictions (nothing outside that directory).
 *
 * @param tree the file tree being built
 * @param dir the kustomization's directory (tree path)
 * @param file the kustomization file (tree path), for messages
 * @param config field specs in force (builtin + configurations + crds)
 * @param restrictor RootOnly (kubectl's default) or None (Flux)
 */
public record BuildContext(FileTree tree, String dir, String file, TransformerConfig config,
    LoadRestrictor restrictor) {

  /** Under kubectl's default restrictions (RootOnly). */
  public BuildContext(FileTree tree, String dir, String file, TransformerConfig config) {
    this(tree, dir, file, config, LoadRestrictor.ROOT_ONLY);
  }

  /** Reads {@code relative} (to {@link #dir}) as UTF-8, refusing paths that leave {@link #dir}. */
  public String read(String relative, String field) throws KustomizeException {
    String path;
    try {
      path = TreePath.resolve(dir, relative);
    } catch (IllegalArgumentException e) {
      throw KustomizeException.at(file, field, 0, e.getMessage());
    }
    try {
      String refusal = FileLoader.refusal(tree, path, dir, restrictor);
      if (refusal != null) {
        throw KustomizeException.at(file, field, 0, "security; file '" + relative
            + "' is not in or below '" + dir + "'" + refusal + LoadRestrictor.hint());
      }
      return new String(tree.read(path).orElseThrow(() -> KustomizeException.at(file, field, 0,
          "'" + relative + "' not found in " + tree.describe())), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw KustomizeException.at(file, field, 0, "cannot read '" + relative + "': " + e.getMessage());
    }
  }
}
