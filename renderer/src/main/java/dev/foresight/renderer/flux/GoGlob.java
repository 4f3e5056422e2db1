package dev.foresight.renderer.flux;

/**
 * Go's {@code path/filepath.Match} for one path element (neither pattern nor name holds a
 * {@code /}), which source-controller's ignore patterns apply to each element: {@code *} any run of
 * characters, {@code ?} one character, {@code [...]} a class of characters and ranges
 * ({@code [^...]} negated; {@code -} and {@code ]} must be escaped to stand for themselves at the
 * start of a range), {@code \} escapes the next character. A malformed pattern (unclosed or empty
 * class, trailing {@code \}) is Go's {@code ErrBadPattern}, which source-controller treats as no
 * match: {@link #matches} is then always false. Pure.
 */
final class GoGlob {

  private GoGlob() {}

  /** True when {@code name} matches {@code pattern}; false for a malformed pattern. */
  static boolean matches(String pattern, String name) {
    // fast paths (every path read asks each pattern): a literal, and a star before a literal suffix
    int meta = firstMeta(pattern, 0);
    if (meta < 0) {
      return pattern.equals(name);
    }
    if (meta == 0 && pattern.charAt(0) == '*' && firstMeta(pattern, 1) < 0) {
      return name.endsWith(pattern.substring(1));
    }
    return wellFormed(pattern) && match(pattern.codePoints().toArray(), 0, name.codePoints().toArray(), 0);
  }

  /** The index of the first of {@code * ? [ \} in {@code pattern} from {@code from}, or -1. */
  private static int firstMeta(String pattern, int from) {
    for (int i = from; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '\\') {
        return i;
      }
    }
    return -1;
  }

  /** False when Go reports {@code ErrBadPattern} for {@code pattern}. */
  static boolean wellFormed(String pattern) {
    if (firstMeta(pattern, 0) < 0) {
      return true;
    }
    int[] p = pattern.codePoints().toArray();
    int i = 0;
    while (i < p.length) {
      if (p[i] == '\\') {
        if (i + 1 >= p.length) {
          return false;
        }
        i += 2;
      } else if (p[i] == '[') {
        int end = classEnd(p, i);
        if (end < 0) {
          return false;
        }
        i = end;
      } else {
        i++;
      }
    }
    return true;
  }

  /** The index after the class starting at {@code p[start] == '['}, or -1 when it is malformed. */
  private static int classEnd(int[] p, int start) {
    int i = start + 1;
    if (i < p.length && p[i] == '^') {
      i++;
    }
    int ranges = 0;
    while (true) {
      if (i < p.length && p[i] == ']' && ranges > 0) {
        return i + 1;
      }
      int lo = escaped(p, i);
      if (lo < 0) {
        return -1;
      }
      i = lo;
      if (i < p.length && p[i] == '-') {
        int hi = escaped(p, i + 1);
        if (hi < 0) {
          return -1;
        }
        i = hi;
      }
      ranges++;
    }
  }

  /** Go's {@code getEsc}: the index after one class character at {@code i}, or -1 when malformed. */
  private static int escaped(int[] p, int i) {
    if (i >= p.length || p[i] == '-' || p[i] == ']') {
      return -1;
    }
    if (p[i] == '\\') {
      return i + 1 < p.length ? i + 2 : -1;
    }
    return i + 1;
  }

  private static boolean match(int[] p, int pi, int[] s, int si) {
    while (pi < p.length) {
      int c = p[pi];
      if (c == '*') {
        while (pi < p.length && p[pi] == '*') {
          pi++;
        }
        if (pi == p.length) {
          return true;
        }
        for (int k = si; k <= s.length; k++) {
          if (match(p, pi, s, k)) {
            return true;
          }
        }
        return false;
      }
      if (si >= s.length) {
        return false;
      }
      if (c == '?') {
        pi++;
      } else if (c == '[') {
        int end = classEnd(p, pi);
        if (!inClass(p, pi + 1, end - 1, s[si])) {
          return false;
        }
        pi = end;
      } else if (c == '\\') {
        if (p[pi + 1] != s[si]) {
          return false;
        }
        pi += 2;
      } else {
        if (c != s[si]) {
          return false;
        }
        pi++;
      }
      si++;
    }
    return si == s.length;
  }

  /** Whether {@code ch} is in the class {@code p[from, to)} (without its brackets). */
  private static boolean inClass(int[] p, int from, int to, int ch) {
    boolean negated = p[from] == '^';
    int i = negated ? from + 1 : from;
    boolean in = false;
    while (i < to) {
      int lo = p[i] == '\\' ? p[i + 1] : p[i];
      i += p[i] == '\\' ? 2 : 1;
      int hi = lo;
      if (i < to && p[i] == '-') {
        hi = p[i + 1] == '\\' ? p[i + 2] : p[i + 1];
        i += p[i + 1] == '\\' ? 3 : 2;
      }
      if (lo <= ch && ch <= hi) {
        in = true;
      }
    }
    return in != negated;
  }
}
