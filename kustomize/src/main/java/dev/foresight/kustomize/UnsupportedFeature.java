package dev.foresight.kustomize;

/**
 * Something the native engine does not implement (helmCharts, remote resources, exec/KRM plugins,
 * or a field not written yet). The renderer falls back to the exec engine and records it; the
 * engine never renders something else silently.
 */
public final class UnsupportedFeature extends KustomizeException {

  private static final long serialVersionUID = 1L;
  private final String feature;

  public UnsupportedFeature(String feature, String where) {
    super("not supported by the native engine: " + feature + (where == null ? "" : " (" + where + ")"));
    this.feature = feature;
  }

  /** The feature, e.g. {@code helmCharts} or {@code resources: remote URL}. */
  public String feature() {
    return feature;
  }
}
