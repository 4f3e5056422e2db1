package dev.foresight.renderer.flux;

import dev.foresight.kustomize.FileTree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds the profiles of a repository: the {@code profiles:} of {@code foresight.yaml} when set;
 * else every directory directly under {@code profiles/} and every directory directly under
 * {@code clusters/} (the layout of fluxcd/flux2-kustomize-helm-example), named after the
 * directory; with neither, the profiles of the root Flux Kustomizations
 * ({@link RootKustomizationDiscovery}: e.g. {@code kubernetes/flux/cluster}). A name found twice is
 * ambiguous: an error asking for {@code profiles:}.
 */
public final class ProfileDiscovery {

  public static final String ROOT = "profiles";
  public static final String CLUSTERS = "clusters";

  private ProfileDiscovery() {}

  /** True when the tree has a {@code profiles/} directory. */
  public static boolean hasProfiles(FileTree tree) throws IOException {
    return tree.isDirectory(ROOT);
  }

  /** The default profiles of {@code tree} (no foresight.yaml), sorted by name. */
  public static List<Profile> discover(FileTree tree) throws IOException, ForesightConfig.InvalidException {
    return discover(tree, ForesightConfig.NONE);
  }

  /**
   * The profiles of {@code tree} under {@code config}, configured order or sorted by name.
   *
   * @throws ForesightConfig.InvalidException when, with no {@code profiles:} configured, a name is
   *     both {@code profiles/<name>} and {@code clusters/<name>}
   */
  public static List<Profile> discover(FileTree tree, ForesightConfig config)
      throws IOException, ForesightConfig.InvalidException {
    if (config.profilesSet()) {
      return config.profiles();
    }
    Map<String, Profile> byName = new TreeMap<>();
    for (String root : List.of(ROOT, CLUSTERS)) {
      if (!tree.isDirectory(root)) {
        continue;
      }
      for (String name : tree.list(root)) {
        String entry = root + "/" + name;
        if (!tree.isDirectory(entry)) {
          continue;
        }
        Profile other = byName.putIfAbsent(name, new Profile(name, entry));
        if (other != null) {
          throw new ForesightConfig.InvalidException("profile '" + name + "' is both " + other.entry() + " and " + entry
              + " (every directory under " + ROOT + "/ and " + CLUSTERS + "/ is a profile, named after it, and names"
              + " must be unique); list the profiles under profiles: in " + ForesightConfig.FILE + ", e.g. profiles:"
              + " [{name: " + name + ", path: " + other.entry() + "}, {name: " + name + "-cluster, path: " + entry
              + "}]");
        }
      }
    }
    if (byName.isEmpty()) {
      return RootKustomizationDiscovery.discover(tree, config);
    }
    return new ArrayList<>(byName.values());
  }
}
