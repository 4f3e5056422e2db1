package dev.foresight.renderer.flux;

import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.TreePath;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code kustomization.yaml} kustomize-controller generates for a {@code spec.path} that has
 * none (fluxcd/pkg {@code findOrGenerateKustomization}/{@code scanManifests}): a lexical walk of the
 * path (files and directories interleaved by name, hidden directories included) listing every file
 * whose extension is exactly {@code .yaml} or {@code .yml} as {@code ./relative/path}, and every
 * sub-directory that has its own kustomization file ({@code kustomization.yaml},
 * {@code kustomization.yml} or {@code Kustomization}) as {@code ./dir} (not descended into); no
 * resources at all gives {@code namespace: _placeholder} (Flux's way to avoid kustomize's
 * "kustomization.yaml is empty"). Flux decodes each listed file as Kubernetes objects and fails the
 * build on one that is not (e.g. a Helm values file): here the build fails on it too, naming the file.
 * It lists what the tree it is given holds: the Flux layer gives it a GitRepository's
 * {@link SourceArtifactTree}, without what source-controller leaves out of the artifact (its default
 * exclusions, {@code .sourceignore} files, {@code spec.ignore}: {@link SourceIgnore}).
 */
public final class GeneratedKustomization {

  /** The names kustomize recognises, in the order it looks for them. */
  public static final List<String> FILE_NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

  private GeneratedKustomization() {}

  /** True when {@code dir} has no kustomization file, so Flux would generate one. */
  public static boolean needed(FileTree tree, String dir) throws IOException {
    String path = TreePath.normalize(dir);
    return tree.isDirectory(path) && existing(tree, path) == null;
  }

  /** The tree path of {@code dir}'s kustomization file, or null. */
  public static String existing(FileTree tree, String dir) throws IOException {
    for (String name : FILE_NAMES) {
      String path = dir.isEmpty() ? name : dir + "/" + name;
      if (tree.isFile(path)) {
        return path;
      }
    }
    return null;
  }

  /** The resources Flux lists for {@code dir}, e.g. {@code ./deploy.yaml}, {@code ./sub}. */
  public static List<String> resources(FileTree tree, String dir) throws IOException {
    List<String> resources = new ArrayList<>();
    scan(tree, TreePath.normalize(dir), "", resources);
    return resources;
  }

  /** The generated kustomization.yaml for {@code dir}. */
  public static String generate(FileTree tree, String dir) throws IOException {
    List<String> resources = resources(tree, dir);
    StringBuilder out = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n");
    if (resources.isEmpty()) {
      return out.append("namespace: _placeholder\n").toString();
    }
    out.append("resources:\n");
    resources.forEach(r -> out.append("- ").append(r).append('\n'));
    return out.toString();
  }

  private static void scan(FileTree tree, String root, String relative, List<String> resources) throws IOException {
    String dir = relative.isEmpty() ? root : TreePath.resolve(root, relative);
    for (String name : tree.list(dir)) {
      String rel = relative.isEmpty() ? name : relative + "/" + name;
      String path = TreePath.resolve(root, rel);
      if (tree.isDirectory(path)) {
        if (existing(tree, path) != null) {
          resources.add("./" + rel);
        } else {
          scan(tree, root, rel, resources);
        }
      } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
        resources.add("./" + rel);
      }
    }
  }
}
