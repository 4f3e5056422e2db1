package dev.foresight.renderer.flux;

import dev.foresight.kustomize.FileTree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Finds the profiles of a repository: every directory directly under {@code profiles/}. */
public final class ProfileDiscovery {

  public static final String ROOT = "profiles";

  private ProfileDiscovery() {}

  /** True when the tree has a {@code profiles/} directory. */
  public static boolean hasProfiles(FileTree tree) throws IOException {
    return tree.isDirectory(ROOT);
  }

  /** The profiles of {@code tree}, sorted by name; empty when there is no {@code profiles/}. */
  public static List<Profile> discover(FileTree tree) throws IOException {
    List<Profile> profiles = new ArrayList<>();
    if (!hasProfiles(tree)) {
      return profiles;
    }
    for (String name : tree.list(ROOT)) {
      String entry = ROOT + "/" + name;
      if (tree.isDirectory(entry)) {
        profiles.add(new Profile(name, entry));
      }
    }
    return profiles;
  }
}
