package dev.foresight.app.command;

import dev.foresight.kustomize.TreePath;
import dev.foresight.renderer.flux.Profile;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code --profile-path NAME=DIR} (repeatable): the profiles both sides render, named on the command line. */
final class ProfilePaths {

  private ProfilePaths() {}

  /**
   * The profiles of {@code values}, in order; DIR a directory of the repository ({@code ./} and a
   * trailing {@code /} are fine).
   *
   * @throws IllegalArgumentException naming the value that is wrong and how to write it
   */
  static List<Profile> parse(List<String> values) {
    List<Profile> out = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (String value : values) {
      int eq = value.indexOf('=');
      String name = eq < 0 ? "" : value.substring(0, eq).trim();
      String dir = eq < 0 ? "" : value.substring(eq + 1).trim();
      if (name.isEmpty() || dir.isEmpty()) {
        throw new IllegalArgumentException("--profile-path wants NAME=DIR (e.g. --profile-path"
            + " cluster=kubernetes/flux/cluster), got '" + value + "'");
      }
      if (!names.add(name)) {
        throw new IllegalArgumentException("--profile-path: profile '" + name + "' is given twice; give each name once");
      }
      String entry;
      try {
        entry = TreePath.normalize(dir);
      } catch (IllegalArgumentException outside) {
        throw new IllegalArgumentException("--profile-path " + value + ": " + outside.getMessage()
            + "; give a directory of the repository, relative to its root");
      }
      if (dir.startsWith("/")) {
        throw new IllegalArgumentException("--profile-path " + value + ": DIR is relative to the repository root"
            + " (e.g. kubernetes/flux/cluster), not an absolute path");
      }
      out.add(new Profile(name, entry));
    }
    return out;
  }
}
