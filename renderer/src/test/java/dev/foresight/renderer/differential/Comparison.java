package dev.foresight.renderer.differential;

import java.util.List;

/**
 * The outcome of building one kustomization directory natively and with kubectl: {@code key} names
 * the directory ({@code generated/<dir>} or {@code corpus/<case>/<dir>}), {@code where} the tree it was
 * built in, {@code detail} the first differing lines or the unsupported feature.
 */
record Comparison(String key, String where, Outcome outcome, String detail) {

  enum Outcome {
    /** Byte-identical output. */
    IDENTICAL,
    /** Both engines refused the directory (messages are not compared). */
    BOTH_FAILED,
    /** The native engine raised UnsupportedFeature: the renderer falls back to kubectl. */
    UNSUPPORTED,
    /** Anything else: different bytes, or only one of the two failed. */
    DIFFERENT
  }

  /** Compares the two results of one directory; {@code null} output means that engine failed. */
  static Comparison of(String key, String where, Result nativeResult, Result kubectl) {
    if (nativeResult.unsupported() != null) {
      return new Comparison(key, where, Outcome.UNSUPPORTED, nativeResult.unsupported());
    }
    if (nativeResult.output() == null && kubectl.output() == null) {
      return new Comparison(key, where, Outcome.BOTH_FAILED, "");
    }
    if (nativeResult.output() == null) {
      return new Comparison(key, where, Outcome.DIFFERENT, "native failed, kubectl succeeded: " + nativeResult.error());
    }
    if (kubectl.output() == null) {
      return new Comparison(key, where, Outcome.DIFFERENT, "kubectl failed, native succeeded: " + kubectl.error());
    }
    if (nativeResult.output().equals(kubectl.output())) {
      return new Comparison(key, where, Outcome.IDENTICAL, "");
    }
    return new Comparison(key, where, Outcome.DIFFERENT, firstDifference(kubectl.output(), nativeResult.output()));
  }

  /** A unified-diff excerpt around the first differing line ({@code -} kubectl, {@code +} native). */
  static String firstDifference(String expected, String actual) {
    List<String> a = expected.lines().toList();
    List<String> b = actual.lines().toList();
    int i = 0;
    while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) {
      i++;
    }
    if (i == a.size() && i == b.size()) {
      return "outputs differ only in line endings or the final newline";
    }
    StringBuilder out = new StringBuilder("@@ line ").append(i + 1).append(" (- kubectl, + native) @@\n");
    for (int k = Math.max(0, i - 2); k < i; k++) {
      out.append("  ").append(a.get(k)).append('\n');
    }
    for (int k = i; k < Math.min(a.size(), i + 3); k++) {
      out.append("- ").append(a.get(k)).append('\n');
    }
    for (int k = i; k < Math.min(b.size(), i + 3); k++) {
      out.append("+ ").append(b.get(k)).append('\n');
    }
    return out.toString();
  }

  /** What one engine produced: its output, or its error (and, natively, the unsupported feature). */
  record Result(String output, String error, String unsupported) {

    static Result ok(String output) {
      return new Result(output, null, null);
    }

    static Result failed(String error) {
      return new Result(null, error, null);
    }

    static Result unsupportedFeature(String message) {
      return new Result(null, message, message);
    }
  }
}
