package dev.foresight.renderer.flux;

import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.TreePath;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
 * Files and directories that source-controller leaves out of every artifact by default (fluxcd/pkg
 * {@code sourceignore}: VCS, CI configuration, {@code .sops.yaml}, {@code .flux.yaml},
 * {@code .goreleaser.yml}) are not listed: they do not exist for kustomize-controller.
 * ({@code .sourceignore} files and {@code GitRepository.spec.ignore} are not modelled.)
 */
public final class GeneratedKustomization {

  /** The names kustomize recognises, in the order it looks for them. */
  public static final List<String> FILE_NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

  /** Directories source-controller excludes at any level ({@code ExcludeVCS}, {@code ExcludeCI}). */
  static final Set<String> IGNORED_DIRECTORIES = Set.of(".git", ".github", ".circleci");

  /** YAML files source-controller excludes at any level ({@code ExcludeCI}, {@code ExcludeExtra}). */
  static final Set<String> IGNORED_FILES = Set.of(".travis.yml", ".gitlab-ci.yml", "appveyor.yml", ".drone.yml",
      "cloudbuild.yaml", "codeship-services.yml", "codeship-steps.yml", ".goreleaser.yml", ".sops.yaml", ".flux.yaml");

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
        if (IGNORED_DIRECTORIES.contains(name)) {
          continue;
        }
        if (existing(tree, path) != null) {
          resources.add("./" + rel);
        } else {
          scan(tree, root, rel, resources);
        }
      } else if ((name.endsWith(".yaml") || name.endsWith(".yml")) && !IGNORED_FILES.contains(name)) {
        resources.add("./" + rel);
      }
    }
  }
}
