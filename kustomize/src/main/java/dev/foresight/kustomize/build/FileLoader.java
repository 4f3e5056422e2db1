package dev.foresight.kustomize.build;

import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.LoadRestrictor;
import dev.foresight.kustomize.TreePath;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads files for one kustomization under kustomize's default load restrictions
 * ({@code LoadRestrictionsRootOnly}): a file must be in or below the kustomization's directory.
 *
 * @param tree the tree
 * @param root the kustomization's directory (tree path)
 * @param file the kustomization file, for messages
 * @param restrictor RootOnly (kubectl's default) or None (Flux)
 */
record FileLoader(FileTree tree, String root, String file, LoadRestrictor restrictor) {

  FileLoader(FileTree tree, String root, String file) {
    this(tree, root, file, LoadRestrictor.ROOT_ONLY);
  }

  /** The tree path of {@code relative}, or an error when it climbs above the tree root. */
  String resolve(String relative, String field) throws KustomizeException {
    try {
      return TreePath.resolve(root, relative);
    } catch (IllegalArgumentException e) {
      throw KustomizeException.at(file, field, 0, e.getMessage());
    }
  }

  /** True when {@code path} is inside (or is) {@code dir}. */
  static boolean within(String path, String dir) {
    return dir.isEmpty() || path.equals(dir) || path.startsWith(dir + "/");
  }

  /**
   * Null when the restrictor lets the kustomization of {@code root} read {@code path}; else what to
   * add to the refusal ("" or which symbolic link leads outside). As kustomize: judged on where
   * symbolic links lead (the file's and the root's), not on how the path is written.
   */
  static String refusal(FileTree tree, String path, String root, LoadRestrictor restrictor) throws IOException {
    String real = tree.realPath(path);
    if (restrictor.allows(real, tree.realPath(root))) {
      return null;
    }
    return real.equals(path) ? "" : " (it is reached through a symbolic link and is '" + KustomizationLoader.display(real)
        + "')";
  }

  /** The bytes of {@code relative} (to the root), refusing paths outside it. */
  byte[] load(String relative, String field) throws KustomizeException {
    String path = resolve(relative, field);
    try {
      if (tree.isDirectory(path)) {
        throw KustomizeException.at(file, field, 0, "'" + relative + "' must resolve to a file");
      }
      String refusal = refusal(tree, path, root, restrictor);
      if (refusal != null) {
        throw KustomizeException.at(file, field, 0, "security; file '" + relative + "' is not in or below '"
            + KustomizationLoader.display(root) + "'" + refusal + LoadRestrictor.hint());
      }
      Optional<byte[]> bytes = tree.read(path);
      if (bytes.isEmpty()) {
        throw KustomizeException.at(file, field, 0, "open " + path + ": no such file or directory");
      }
      return bytes.get();
    } catch (IOException e) {
      throw KustomizeException.at(file, field, 0, "cannot read '" + relative + "': " + e.getMessage());
    }
  }
}
