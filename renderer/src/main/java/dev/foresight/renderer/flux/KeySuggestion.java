package dev.foresight.renderer.flux;

import java.util.Collection;
import java.util.Locale;

/**
 * "Did you mean" for a misspelt key of {@code foresight.yaml}: the known key closest to the given
 * one (edit distance at most a third of its length, at least 1 and at most 3, ignoring case), or
 * a known key the given one is a prefix of.
 */
public final class KeySuggestion {

  private KeySuggestion() {}

  /** {@code "; did you mean 'profiles'?"}, or {@code ""} when no known key is close. */
  public static String didYouMean(String key, Collection<String> known) {
    String lower = key.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      String c = candidate.toLowerCase(Locale.ROOT);
      int d = c.startsWith(lower) && lower.length() >= 3 ? 1 : distance(lower, c);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    int allowed = Math.min(3, Math.max(1, key.length() / 3));
    return best != null && bestDistance <= allowed ? "; did you mean '" + best + "'?" : "";
  }

  /** Levenshtein distance (insertions, deletions, substitutions; a swap of neighbours counts 1). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
