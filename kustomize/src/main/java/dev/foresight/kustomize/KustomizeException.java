package dev.foresight.kustomize;

/**
 * A build that kustomize would reject too. The message says where (kustomization file, field,
 * line when known) and, where possible, how to fix it.
 */
public class KustomizeException extends Exception {

  private static final long serialVersionUID = 1L;
  /** What the build printed on stderr before it failed (kustomize prints warnings as it loads). */
  private transient java.util.List<BuildWarning> warnings = java.util.List.of();

  public KustomizeException(String message) {
    super(message);
  }

  public KustomizeException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The warnings the failed build had printed before this error, in kustomize's order. */
  public java.util.List<BuildWarning> warnings() {
    return warnings == null ? java.util.List.of() : warnings;
  }

  /** Records the warnings printed before this error; returns this. */
  KustomizeException withWarnings(java.util.List<BuildWarning> printed) {
    this.warnings = java.util.List.copyOf(printed);
    return this;
  }

  /** "{file}: {field}: {problem}" (line appended when known). */
  public static KustomizeException at(String file, String field, int line, String problem) {
    StringBuilder where = new StringBuilder(file);
    if (line > 0) {
      where.append(':').append(line);
    }
    if (field != null && !field.isEmpty()) {
      where.append(": field '").append(field).append('\'');
    }
    return new KustomizeException(where + ": " + problem);
  }

  /** {@code file:line:column: problem}, for a position inside a file's text (1-based). */
  public static KustomizeException at(String file, int line, int column, String problem) {
    return at(line > 0 && column > 0 ? file + ":" + line + ":" + column : file, null,
        column > 0 ? 0 : line, problem);
  }
}
