package dev.foresight.kustomize;

/**
 * A build that kustomize would reject too. The message says where (kustomization file, field,
 * line when known) and, where possible, how to fix it.
 */
public class KustomizeException extends Exception {

  private static final long serialVersionUID = 1L;

  public KustomizeException(String message) {
    super(message);
  }

  public KustomizeException(String message, Throwable cause) {
    super(message, cause);
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
}
