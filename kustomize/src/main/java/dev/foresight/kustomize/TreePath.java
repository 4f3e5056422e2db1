package dev.foresight.kustomize;

import java.util.ArrayDeque;
import java.util.Deque;

/** Path arithmetic inside a {@link FileTree}: no escaping above the root. */
public final class TreePath {

  private TreePath() {}

  /**
   * Normalises {@code path} relative to the root: removes {@code .}, empty segments and leading
   * {@code ./} or {@code /}, resolves {@code ..}.
   *
   * @throws IllegalArgumentException when the path climbs above the root of the tree
   */
  public static String normalize(String path) {
    Deque<String> parts = new ArrayDeque<>();
    for (String segment : path.replace('\\', '/').split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (parts.isEmpty()) {
          throw new IllegalArgumentException("path '" + path + "' escapes the repository root");
        }
        parts.removeLast();
      } else {
        parts.addLast(segment);
      }
    }
    return String.join("/", parts);
  }

  /** {@code child} resolved against directory {@code dir}, normalised. */
  public static String resolve(String dir, String child) {
    if (child.startsWith("/")) {
      throw new IllegalArgumentException("absolute path '" + child + "' is not allowed; use a path relative to " 
          + (dir.isEmpty() ? "the repository root" : dir));
    }
    return normalize(dir.isEmpty() ? child : dir + "/" + child);
  }

  /** The parent directory of {@code path} ({@code ""} for top-level entries). */
  public static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /**
   * Adds to {@code names} the name of every entry directly under {@code dir} that the sorted file
   * paths {@code paths} imply (files, and directories holding files).
   */
  public static void childNames(java.util.NavigableSet<String> paths, String dir, java.util.Collection<String> names) {
    String prefix = dir.isEmpty() ? "" : dir + "/";
    for (String file : paths.tailSet(prefix, true)) {
      if (!file.startsWith(prefix)) {
        break;
      }
      String rest = file.substring(prefix.length());
      int slash = rest.indexOf('/');
      names.add(slash < 0 ? rest : rest.substring(0, slash));
    }
  }
}
