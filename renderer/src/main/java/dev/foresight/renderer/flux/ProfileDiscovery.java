package dev.foresight.renderer.flux;

import dev.foresight.kustomize.FileTree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the profiles of a repository: the {@code profiles:} of {@code foresight.yaml} when set;
 * else every directory directly under {@code profiles/}; else every directory directly under
 * {@code clusters/} (the layout of fluxcd/flux2-kustomize-helm-example).
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
  public static List<Profile> discover(FileTree tree) throws IOException {
    return discover(tree, ForesightConfig.NONE);
  }

  /** The profiles of {@code tree} under {@code config}, configured order or sorted by name. */
  public static List<Profile> discover(FileTree tree, ForesightConfig config) throws IOException {
    if (config.profilesSet()) {
      return config.profiles();
    }
    List<Profile> profiles = new ArrayList<>();
    String root = tree.isDirectory(ROOT) ? ROOT : tree.isDirectory(CLUSTERS) ? CLUSTERS : null;
    if (root == null) {
      return profiles;
    }
    for (String name : tree.list(root)) {
      String entry = root + "/" + name;
      if (tree.isDirectory(entry)) {
        profiles.add(new Profile(name, entry));
      }
    }
    return profiles;
  }
}
