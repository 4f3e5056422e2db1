package dev.foresight.renderer.flux;

import java.util.List;

/**
 * One line of a {@code .sourceignore} file or of {@code GitRepository.spec.ignore}, as
 * source-controller parses and matches it (fluxcd/pkg {@code sourceignore/gitignore}, taken from
 * go-git): a leading {@code !} re-includes; trailing spaces are dropped unless escaped; a trailing
 * {@code /} matches directories only; a pattern without any other {@code /} matches ANY element of
 * the path below its directory (so {@code foo} also matches {@code foo/bar.yaml}); with a {@code /}
 * it is anchored to its directory and matches a path that starts with it ({@code **} spans
 * directories; an element holding {@code **} among other characters never matches). Elements are
 * matched with {@link GoGlob}. This is not git's matcher: there a re-included name inside an
 * excluded directory stays excluded, and {@code foo/**} does not match {@code foo} itself.
 *
 * @param domain the directory the pattern applies below, as path elements ({@code []} the root)
 * @param origin where it was written, for messages, e.g. {@code line 2 of apps/.sourceignore}
 * @param text the line as written
 */
record IgnorePattern(List<String> domain, String origin, String text, List<String> elements, boolean inclusion,
    boolean dirOnly, boolean anchored) {

  /** What a pattern says of one path. */
  enum Result { NO_MATCH, EXCLUDE, INCLUDE }

  static IgnorePattern parse(String line, List<String> domain, String origin) {
    String p = line;
    boolean inclusion = p.startsWith("!");
    if (inclusion) {
      p = p.substring(1);
    }
    if (!p.endsWith("\\ ")) {
      p = p.replaceAll(" +$", "");
    }
    boolean dirOnly = p.endsWith("/");
    if (dirOnly) {
      p = p.substring(0, p.length() - 1);
    }
    boolean anchored = p.contains("/");
    return new IgnorePattern(List.copyOf(domain), origin, line, List.of(p.split("/", -1)), inclusion, dirOnly,
        anchored);
  }

  /** What this pattern says of {@code path} (elements from the tree's root). */
  Result match(List<String> path, boolean isDir) {
    if (path.size() <= domain.size() || !path.subList(0, domain.size()).equals(domain)) {
      return Result.NO_MATCH;
    }
    List<String> rest = path.subList(domain.size(), path.size());
    boolean matched = anchored ? anchoredMatch(rest, isDir) : nameMatch(rest, isDir);
    if (!matched) {
      return Result.NO_MATCH;
    }
    return inclusion ? Result.INCLUDE : Result.EXCLUDE;
  }

  private boolean nameMatch(List<String> path, boolean isDir) {
    String pattern = elements.get(0);
    for (int i = 0; i < path.size(); i++) {
      if (!GoGlob.matches(pattern, path.get(i))) {
        continue;
      }
      return !(dirOnly && !isDir && i == path.size() - 1);
    }
    return false;
  }

  private boolean anchoredMatch(List<String> path, boolean isDir) {
    boolean matched = false;
    boolean traverse = false;
    int at = 0;
    for (int i = 0; i < elements.size(); i++) {
      String element = elements.get(i);
      if (element.isEmpty()) {
        traverse = false;
        continue;
      }
      if (element.equals("**")) {
        if (i == elements.size() - 1) {
          break;
        }
        traverse = true;
        continue;
      }
      if (element.contains("**") || at == path.size() || !GoGlob.wellFormed(element)) {
        return false;
      }
      if (traverse) {
        traverse = false;
        while (at < path.size()) {
          String name = path.get(at++);
          if (GoGlob.matches(element, name)) {
            matched = true;
            break;
          } else if (at == path.size()) {
            matched = false;
          }
        }
      } else {
        if (!GoGlob.matches(element, path.get(at))) {
          return false;
        }
        matched = true;
        at++;
      }
    }
    return matched && !(dirOnly && !isDir && at == path.size());
  }

  /** The pattern as quoted in messages, with where it was written. */
  String describe() {
    return "'" + text + "' (" + origin + ")";
  }
}
