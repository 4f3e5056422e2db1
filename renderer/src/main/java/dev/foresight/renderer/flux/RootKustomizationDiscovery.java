package dev.foresight.renderer.flux;

import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.FileTrees;
import dev.foresight.kustomize.TreePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The profiles of a repository laid out neither as {@code profiles/<name>} nor as
 * {@code clusters/<name>} (e.g. {@code kubernetes/flux/cluster/ks.yaml} of onedr0p/cluster-template,
 * {@code kubernetes/clusters/<name>/flux-system/gotk-sync.yaml}): its root Flux Kustomizations.
 *
 * <p>A root is a Flux Kustomization ({@code kustomize.toolkit.fluxcd.io}) written in a YAML file of
 * the repository that no other Flux Kustomization of this repository (source a GitRepository)
 * applies: its file is neither under another's {@code spec.path} nor reached from one through
 * {@code resources:}/{@code components:} of the kustomization files there. Its profile:
 * <ul>
 *   <li>a root whose own {@code spec.path} holds its file (Flux bootstrap: {@code flux-system} of
 *       {@code kubernetes/clusters/main/flux-system/gotk-sync.yaml} with path
 *       {@code ./kubernetes/clusters/main}): that path, named after its last directory ({@code main});</li>
 *   <li>any other root (the {@code cluster-apps} of {@code kubernetes/flux/cluster/ks.yaml} with
 *       path {@code ./kubernetes/apps}): the directory of its file, named after it ({@code cluster}).</li>
 * </ul>
 * Roots in the same directory are one profile. Two profiles of the same name are an error asking
 * for {@code profiles:} in foresight.yaml (or {@code --profile-path}).
 */
public final class RootKustomizationDiscovery {

  private static final Pattern FLUX_API = Pattern.compile("(?m)^apiVersion:[ \\t]*[\"']?kustomize\\.toolkit\\.fluxcd\\.io/");
  private static final List<String> KUSTOMIZATION_FILES =
      List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

  /** A Flux Kustomization of the repository: its file and its (normalised) path, null when outside the tree. */
  private record Declared(String file, FluxKustomization ks, String path) {

    String dir() {
      int slash = file.lastIndexOf('/');
      return slash < 0 ? "" : file.substring(0, slash);
    }

    boolean ownPathHolds(String file) {
      return path != null && within(file, path);
    }
  }

  private RootKustomizationDiscovery() {}

  /**
   * The profiles of {@code tree}'s root Flux Kustomizations, sorted by name; empty when the
   * repository declares none.
   *
   * @throws ForesightConfig.InvalidException when two roots give the same profile name
   */
  public static List<Profile> discover(FileTree tree) throws IOException, ForesightConfig.InvalidException {
    return discover(tree, ForesightConfig.NONE);
  }

  /**
   * As {@link #discover(FileTree)}; {@code config}'s {@code sources:} say which GitRepositories are
   * this repository (else {@code flux-system} or no name, as the renderer reads them): only their
   * Kustomizations' paths contain files of this tree.
   */
  public static List<Profile> discover(FileTree tree, ForesightConfig config)
      throws IOException, ForesightConfig.InvalidException {
    List<Declared> declared = declared(tree);
    Map<String, Profile> byName = new TreeMap<>();
    Set<String> entries = new HashSet<>();
    for (Declared root : roots(tree, declared, config)) {
      String entry = thisRepository(root.ks(), config) && root.ownPathHolds(root.file()) ? root.path() : root.dir();
      if (!entries.add(entry)) {
        continue;
      }
      String name = entry.isEmpty() ? root.ks().name() : entry.substring(entry.lastIndexOf('/') + 1);
      Profile other = byName.putIfAbsent(name, new Profile(name, entry));
      if (other != null) {
        throw new ForesightConfig.InvalidException("profile '" + name + "' is both " + shown(other.entry()) + " and "
            + shown(entry) + " (each directory of a root Flux Kustomization, one no other Kustomization's spec.path"
            + " contains, is a profile named after it, and names must be unique); list the profiles under profiles:"
            + " in " + ForesightConfig.FILE + " or give --profile-path NAME=DIR, e.g. --profile-path " + name + "="
            + shown(other.entry()) + " --profile-path " + name + "-2=" + shown(entry));
      }
    }
    return new ArrayList<>(byName.values());
  }

  /** True when {@code ks}'s files come from this repository (as the renderer resolves its source). */
  private static boolean thisRepository(FluxKustomization ks, ForesightConfig config) {
    if (!ks.sourceKind().equals("GitRepository")) {
      return false;
    }
    var configured = config.source(ks.sourceNamespace(), ks.sourceName());
    return configured.map(ForesightConfig.Source::self)
        .orElse(ks.sourceName().isEmpty() || ks.sourceName().equals("flux-system"));
  }

  private static String shown(String entry) {
    return entry.isEmpty() ? "." : entry;
  }

  /** The declared Kustomizations that no other one applies, in file order. */
  private static List<Declared> roots(FileTree tree, List<Declared> declared, ForesightConfig config) {
    List<Declared> roots = new ArrayList<>();
    Map<String, Set<String>> reachedBy = new TreeMap<>();
    for (Declared candidate : declared) {
      boolean applied = false;
      for (Declared other : declared) {
        if (other == candidate || other.path() == null || !thisRepository(other.ks(), config)) {
          continue;
        }
        if (within(candidate.file(), other.path())
            || reachedBy.computeIfAbsent(other.path(), p -> reached(tree, p)).contains(candidate.file())) {
          applied = true;
          break;
        }
      }
      if (!applied) {
        roots.add(candidate);
      }
    }
    return roots;
  }

  /** Files that the kustomization files under {@code dir} list outside it (resources, components), transitively. */
  private static Set<String> reached(FileTree tree, String dir) {
    Set<String> files = new HashSet<>();
    Set<String> seen = new HashSet<>();
    Deque<String> queue = new ArrayDeque<>(List.of(dir));
    while (!queue.isEmpty()) {
      String at = queue.poll();
      if (!seen.add(at)) {
        continue;
      }
      for (String entry : listed(tree, at)) {
        String target;
        try {
          target = TreePath.resolve(at, entry);
        } catch (IllegalArgumentException outside) {
          continue;
        }
        try {
          if (tree.isDirectory(target)) {
            queue.add(target);
          } else {
            files.add(target);
          }
        } catch (IOException unreadable) {
          // not reached
        }
      }
    }
    return files;
  }

  /** {@code resources:}, {@code components:} and {@code bases:} of the kustomization file of {@code dir}. */
  private static List<String> listed(FileTree tree, String dir) {
    for (String name : KUSTOMIZATION_FILES) {
      String file = dir.isEmpty() ? name : dir + "/" + name;
      try {
        var bytes = tree.read(file);
        if (bytes.isEmpty()) {
          continue;
        }
        List<String> out = new ArrayList<>();
        for (Map<?, ?> doc : FluxObjects.objects(new String(bytes.get(), StandardCharsets.UTF_8))) {
          for (String key : List.of("resources", "components", "bases")) {
            for (Object item : FluxYaml.list(doc.get(key))) {
              if (item instanceof String s && !s.contains("://") && !s.startsWith("git@")) {
                out.add(s);
              }
            }
          }
        }
        return out;
      } catch (IOException | IllegalArgumentException unreadable) {
        return List.of();
      }
    }
    return List.of();
  }

  /**
   * The repository file that writes the Flux Kustomization {@code namespace/name} (one without
   * namespace matches too: a kustomization may set it), first in path order; for messages.
   */
  public static Optional<String> fileDeclaring(FileTree tree, String namespace, String name) throws IOException {
    String loose = null;
    for (Declared d : declared(tree)) {
      if (d.ks().name().equals(name)) {
        if (d.ks().namespace().equals(namespace)) {
          return Optional.of(d.file());
        }
        if (d.ks().namespace().isEmpty() && loose == null) {
          loose = d.file();
        }
      }
    }
    return Optional.ofNullable(loose);
  }

  /** Every Flux Kustomization written in a {@code .yaml}/{@code .yml} file of the tree (hidden directories skipped). */
  private static List<Declared> declared(FileTree tree) throws IOException {
    List<Declared> out = new ArrayList<>();
    for (String file : FileTrees.walk(tree, "")) {
      if (!(file.endsWith(".yaml") || file.endsWith(".yml")) || hidden(file)) {
        continue;
      }
      List<Map<?, ?>> objects = FluxObjects.objectsOfFile(tree, file, FLUX_API);
      for (Map<?, ?> object : objects) {
        FluxKustomization ks = FluxKustomization.of(object);
        if (ks != null) {
          String path;
          try {
            path = TreePath.normalize(ks.path());
          } catch (IllegalArgumentException outside) {
            path = null;
          }
          out.add(new Declared(file, ks, path));
        }
      }
    }
    return out;
  }

  private static boolean hidden(String file) {
    for (String segment : file.split("/")) {
      if (segment.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code file} is under directory {@code dir} ({@code ""}: the root holds everything). */
  private static boolean within(String file, String dir) {
    return dir.isEmpty() || file.startsWith(dir + "/");
  }
}
