package dev.foresight.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.difflib.patch.PatchFailedException;
import com.github.difflib.unifieddiff.UnifiedDiff;
import com.github.difflib.unifieddiff.UnifiedDiffReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks one unified diff of the report against the oracle's two texts, without the product's diff
 * code: the hunks are parsed by java-diff-utils' {@link UnifiedDiffReader} and applied at their
 * stated positions to the base text, which must then be the head text byte for byte; each hunk's
 * header must count its lines; and the diff's +/- lines must be as many as a minimal line diff has
 * (computed here from the longest common subsequence of the two texts' lines).
 */
final class HunkCheck {

  private static final Pattern HUNK = Pattern.compile("@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*");

  /** Lines added and removed. */
  record Counts(int added, int removed) {}

  private HunkCheck() {}

  /**
   * Asserts that {@code diff} (with its {@code ---}/{@code +++} lines) turns {@code base} into
   * {@code head} and is minimal; returns its +/- counts. {@code what} names the object in messages.
   */
  static Counts verify(String diff, String base, String head, String what) {
    Counts counted = countHunks(diff, what);
    UnifiedDiff parsed;
    try {
      parsed = UnifiedDiffReader.parseUnifiedDiff(new ByteArrayInputStream(diff.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      throw new AssertionError(what + ": the report's diff does not parse: " + e + "\n" + diff, e);
    }
    assertEquals(1, parsed.getFiles().size(), what + ": one file in the diff\n" + diff);
    List<String> patched;
    try {
      patched = parsed.getFiles().get(0).getPatch().applyTo(OracleObject.lines(base));
    } catch (PatchFailedException e) {
      throw new AssertionError(what + ": the report's hunks do not apply to kubectl's base text: " + e.getMessage()
          + "\n--- diff\n" + diff + "--- kubectl base\n" + base, e);
    }
    assertEquals(head, OracleObject.join(patched), what + ": kubectl's base text with the report's hunks applied"
        + " is not kubectl's head text\n--- diff\n" + diff);
    assertEquals(minimal(base, head), counted, what + ": +/- lines of the report's diff vs a minimal line diff");
    return counted;
  }

  /**
   * The +/- lines of a diff, after checking its shape: two file-name lines, then hunks whose headers
   * count their context, removed and added lines exactly.
   */
  static Counts countHunks(String diff, String what) {
    assertTrue(diff.endsWith("\n"), what + ": a diff ends with a newline");
    List<String> lines = OracleObject.lines(diff);
    assertTrue(lines.size() > 2 && lines.get(0).startsWith("--- ") && lines.get(1).startsWith("+++ "),
        what + ": a diff starts with its two file-name lines\n" + diff);
    int added = 0;
    int removed = 0;
    int i = 2;
    while (i < lines.size()) {
      Matcher hunk = HUNK.matcher(lines.get(i));
      if (!hunk.matches()) {
        fail(what + ": line " + (i + 1) + " should start a hunk: " + lines.get(i) + "\n" + diff);
      }
      int oldLines = hunk.group(2) == null ? 1 : Integer.parseInt(hunk.group(2));
      int newLines = hunk.group(4) == null ? 1 : Integer.parseInt(hunk.group(4));
      int oldSeen = 0;
      int newSeen = 0;
      for (i++; i < lines.size() && !lines.get(i).startsWith("@@"); i++) {
        char mark = lines.get(i).isEmpty() ? '?' : lines.get(i).charAt(0);
        switch (mark) {
          case ' ' -> { oldSeen++; newSeen++; }
          case '-' -> { oldSeen++; removed++; }
          case '+' -> { newSeen++; added++; }
          default -> fail(what + ": not a hunk line: '" + lines.get(i) + "'\n" + diff);
        }
      }
      assertEquals(oldLines + "," + newLines, oldSeen + "," + newSeen,
          what + ": the hunk header " + hunk.group() + " counts its lines\n" + diff);
    }
    return new Counts(added, removed);
  }

  /** The +/- lines of a minimal line diff: each text's lines not in a longest common subsequence. */
  static Counts minimal(String base, String head) {
    List<String> a = OracleObject.lines(base);
    List<String> b = OracleObject.lines(head);
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    return new Counts(b.size() - lcs[0][0], a.size() - lcs[0][0]);
  }
}
