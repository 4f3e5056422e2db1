package dev.foresight.renderer.flux;

import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.TreePath;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code kustomization.yaml} Flux generates for a {@code spec.path} that has none: every
 * {@code .yaml}/{@code .yml} file below it, and every sub-directory that has its own kustomization
 * file (not descended into), in walk order.
 */
public final class GeneratedKustomization {

  public static final List<String> FILE_NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

  private GeneratedKustomization() {}

  /** True when {@code dir} has no kustomization file, so Flux would generate one. */
  public static boolean needed(FileTree tree, String dir) throws IOException {
    String path = TreePath.normalize(dir);
    return tree.isDirectory(path) && !hasKustomization(tree, path);
  }

  /** The generated kustomization.yaml for {@code dir}. */
  public static String generate(FileTree tree, String dir) throws IOException {
    String root = TreePath.normalize(dir);
    List<String> resources = new ArrayList<>();
    scan(tree, root, "", resources);
    StringBuilder out = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n");
    if (resources.isEmpty()) {
      return out.append("resources: []\n").toString();
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
        if (hasKustomization(tree, path)) {
          resources.add(rel);
        } else {
          scan(tree, root, rel, resources);
        }
      } else if (name.endsWith(".yaml") || name.endsWith(".yml")) {
        resources.add(rel);
      }
    }
  }

  private static boolean hasKustomization(FileTree tree, String dir) throws IOException {
    for (String name : FILE_NAMES) {
      if (tree.isFile(dir.isEmpty() ? name : dir + "/" + name)) {
        return true;
      }
    }
    return false;
  }
}
