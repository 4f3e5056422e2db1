package dev.foresight.renderer.flux;

import dev.foresight.kustomize.FileTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The two pattern dialects of an ArtifactGenerator's copy operations (source-watcher):
 *
 * <ul>
 *   <li>{@code from} globs are Go's {@code fs.Glob}: {@code path.Match} per path segment
 *       ({@code *} any run of characters but {@code /}, {@code ?} one, {@code [a-z]}/{@code [^a-z]},
 *       {@code \c}); {@code **} is no recursion there, it is {@code *} twice;
 *   <li>{@code exclude} patterns are doublestar's: {@code **} as a whole segment spans zero or
 *       more directories, {@code {a,b}} alternatives, {@code [!a]} or {@code [^a]} negation.
 * </ul>
 */
public final class ArtifactGlobs {

  /** A malformed pattern (Go's {@code ErrBadPattern}). */
  public static final class BadPattern extends Exception {
    BadPattern(String pattern) {
      super("syntax error in pattern '" + pattern + "'");
    }
  }

  private ArtifactGlobs() {}

  /** Whether source-watcher treats {@code from} as a glob (else as a file or directory path). */
  public static boolean isGlob(String path) {
    return path.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == ']');
  }

  /**
   * Go's {@code fs.Glob(tree, pattern)}: the matching paths (files and directories), each directory
   * level in name order; a path that is not a valid {@code io/fs} path matches nothing.
   */
  public static List<String> glob(FileTree tree, String pattern) throws BadPattern, IOException {
    checkGo(pattern);
    if (!hasMeta(pattern)) {
      return validPath(pattern) && (tree.isFile(pattern) || tree.isDirectory(pattern.equals(".") ? "" : pattern))
          ? List.of(pattern) : List.of();
    }
    int slash = pattern.lastIndexOf('/');
    String dir = slash < 0 ? "." : pattern.substring(0, slash);
    String file = pattern.substring(slash + 1);
    List<String> out = new ArrayList<>();
    if (!hasMeta(dir)) {
      globIn(tree, dir, file, out);
      return out;
    }
    if (dir.equals(pattern)) {
      throw new BadPattern(pattern);
    }
    for (String d : glob(tree, dir)) {
      globIn(tree, d, file, out);
    }
    return out;
  }

  private static void globIn(FileTree tree, String dir, String name, List<String> out)
      throws BadPattern, IOException {
    if (!validPath(dir)) {
      return;
    }
    String path = dir.equals(".") ? "" : dir;
    if (!tree.isDirectory(path)) {
      return;
    }
    byte[] pattern = name.getBytes(StandardCharsets.UTF_8);
    for (String child : tree.list(path)) {
      try {
        if (ShellPattern.matches(pattern, child.getBytes(StandardCharsets.UTF_8))) {
          out.add(path.isEmpty() ? child : path + "/" + child);
        }
      } catch (ShellPattern.BadPattern e) {
        throw new BadPattern(name);
      }
    }
  }

  /** Go's {@code fs.ValidPath}: {@code .} or non-empty segments that are neither {@code .} nor {@code ..}. */
  static boolean validPath(String path) {
    if (path.equals(".")) {
      return true;
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasMeta(String path) {
    return path.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '\\');
  }

  /** The whole-pattern syntax check of Go's {@code path.Match}. */
  static void checkGo(String pattern) throws BadPattern {
    int i = 0;
    int n = pattern.length();
    while (i < n) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        if (i + 1 >= n) {
          throw new BadPattern(pattern);
        }
        i += 2;
      } else if (c == '[') {
        i++;
        if (i < n && pattern.charAt(i) == '^') {
          i++;
        }
        int ranges = 0;
        while (true) {
          if (i < n && pattern.charAt(i) == ']' && ranges > 0) {
            i++;
            break;
          }
          i = classChar(pattern, i);
          if (pattern.charAt(i) == '-') {
            i = classChar(pattern, i + 1);
          }
          ranges++;
        }
      } else {
        i++;
      }
    }
  }

  /** The index after a class character at {@code i}, which must be followed by more pattern. */
  private static int classChar(String pattern, int i) throws BadPattern {
    int n = pattern.length();
    if (i >= n || pattern.charAt(i) == '-' || pattern.charAt(i) == ']') {
      throw new BadPattern(pattern);
    }
    if (pattern.charAt(i) == '\\') {
      i++;
      if (i >= n) {
        throw new BadPattern(pattern);
      }
    }
    i += Character.charCount(pattern.codePointAt(i));
    if (i >= n) {
      throw new BadPattern(pattern);
    }
    return i;
  }

  /** A doublestar pattern as a regular expression over a whole {@code /}-separated path. */
  public static Pattern doublestar(String pattern) throws BadPattern {
    StringBuilder re = new StringBuilder();
    int depth = 0;
    int n = pattern.length();
    for (int i = 0; i < n; ) {
      char c = pattern.charAt(i);
      boolean segmentStart = i == 0 || pattern.charAt(i - 1) == '/';
      if (c == '*' && i + 1 < n && pattern.charAt(i + 1) == '*' && segmentStart
          && (i + 2 == n || pattern.charAt(i + 2) == '/')) {
        if (i + 2 == n) {
          // "**" at the end: everything below (and, after "dir/", the directory itself)
          if (i > 0) {
            re.setLength(re.length() - 1); // the escaped "/" before it
            re.append("(?:/.*)?");
          } else {
            re.append(".*");
          }
          i += 2;
        } else {
          re.append("(?:[^/]*/)*"); // zero or more directories
          i += 3;
        }
        continue;
      }
      switch (c) {
        case '*' -> {
          while (i < n && pattern.charAt(i) == '*') {
            i++;
          }
          re.append("[^/]*");
          continue;
        }
        case '?' -> re.append("[^/]");
        case '\\' -> {
          if (i + 1 >= n) {
            throw new BadPattern(pattern);
          }
          i++;
          re.append(Pattern.quote(pattern.substring(i, i + Character.charCount(pattern.codePointAt(i)))));
          i += Character.charCount(pattern.codePointAt(i));
          continue;
        }
        case '[' -> {
          int end = classEnd(pattern, i);
          String body = pattern.substring(i + 1, end);
          boolean negated = body.startsWith("!") || body.startsWith("^");
          if (negated) {
            body = body.substring(1);
          }
          re.append(negated ? "[^/" : "[").append(classBody(body)).append(']');
          i = end + 1;
          continue;
        }
        case '{' -> {
          re.append("(?:");
          depth++;
        }
        case '}' -> {
          if (depth == 0) {
            re.append("\\}");
          } else {
            re.append(')');
            depth--;
          }
        }
        case ',' -> re.append(depth > 0 ? "|" : ",");
        case '/' -> re.append('/');
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
      i++;
    }
    if (depth != 0) {
      throw new BadPattern(pattern);
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  private static int classEnd(String pattern, int open) throws BadPattern {
    int i = open + 1;
    if (i < pattern.length() && (pattern.charAt(i) == '!' || pattern.charAt(i) == '^')) {
      i++;
    }
    for (boolean first = true; i < pattern.length(); i++, first = false) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == ']' && !first) {
        return i;
      }
    }
    throw new BadPattern(pattern);
  }

  private static String classBody(String body) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length()) {
        out.append('\\').append(body.charAt(++i));
      } else if (c == '-') {
        out.append('-');
      } else if (Character.isLetterOrDigit(c)) {
        out.append(c);
      } else {
        out.append('\\').append(c);
      }
    }
    return out.toString();
  }
}
