package dev.foresight.differ.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A unified diff of two texts and how many lines it adds and removes. */
public record TextDiff(String unified, int linesAdded, int linesRemoved) {

  public static final int CONTEXT = 3;

  public static final TextDiff EMPTY = new TextDiff("", 0, 0);

  /** Diffs two texts line by line with {@value #CONTEXT} lines of context; a null text is the empty text. */
  public static TextDiff of(String baseName, String headName, String baseText, String headText) {
    return of(baseName, headName, baseText, headText, CONTEXT);
  }

  /** Diffs two texts line by line with {@code context} lines of context; a null text is the empty text. */
  public static TextDiff of(String baseName, String headName, String baseText, String headText, int context) {
    List<String> base = lines(baseText);
    List<String> head = lines(headText);
    Patch<String> patch = DiffUtils.diff(base, head);
    if (patch.getDeltas().isEmpty()) {
      return EMPTY;
    }
    List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(baseName, headName, base, patch, context);
    int added = 0;
    int removed = 0;
    for (AbstractDelta<String> delta : patch.getDeltas()) {
      added += delta.getTarget().size();
      removed += delta.getSource().size();
    }
    return new TextDiff(String.join("\n", unified) + "\n", added, removed);
  }

  /** Lines of a text split at "\n"; a final newline does not start another line. */
  public static List<String> lines(String text) {
    if (text == null || text.isEmpty()) {
      return new ArrayList<>();
    }
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    if (text.endsWith("\n")) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  /** The diff without its two file-name lines ({@code ---} and {@code +++}); "" for an empty diff. */
  public static String body(String unified) {
    int first = unified.indexOf('\n');
    int second = first < 0 ? -1 : unified.indexOf('\n', first + 1);
    return second < 0 ? "" : unified.substring(second + 1);
  }

  public boolean isEmpty() {
    return unified.isEmpty();
  }
}
