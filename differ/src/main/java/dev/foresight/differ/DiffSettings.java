package dev.foresight.differ;

/**
 * How the differ writes diffs.
 *
 * @param context lines of context around each change in a unified diff (0 or more; default 3)
 */
public record DiffSettings(int context) {

  public static final int DEFAULT_CONTEXT = 3;

  public DiffSettings {
    if (context < 0) {
      throw new IllegalArgumentException("diff context must be 0 or more lines, got " + context);
    }
  }

  public static DiffSettings defaults() {
    return new DiffSettings(DEFAULT_CONTEXT);
  }

  public DiffSettings withContext(int lines) {
    return new DiffSettings(lines);
  }
}
