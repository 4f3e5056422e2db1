package dev.foresight.kustomize;

import java.util.List;

/**
 * A warning kustomize v5.5.0 prints on stderr while it builds (stdout unchanged): today the
 * deprecated kustomization fields of {@code types.Kustomization.CheckDeprecatedFields}, printed by
 * {@code KustTarget.Load} for every kustomization file it loads — the top one, each
 * {@code resources:} directory, each component, each plugin-config directory — once per load (a
 * base reached twice warns twice), before the file is validated, so a file rejected afterwards has
 * warned already.
 *
 * @param kind what is deprecated
 * @param file the kustomization file (tree path) that uses it
 */
public record BuildWarning(Deprecation kind, String file) {

  /** kustomize's deprecated fields, in the order it checks them. */
  public enum Deprecation {
    BASES("bases", "resources", false),
    COMMON_LABELS("commonLabels", "labels", false),
    IMAGE_TAGS("imageTags", "images", false),
    PATCHES_JSON6902("patchesJson6902", "patches", false),
    PATCHES_STRATEGIC_MERGE("patchesStrategicMerge", "patches", false),
    VARS("vars", "replacements", true);

    private final String field;
    private final String replacement;
    /** kustomize's {@code edit fix} of this field is experimental. */
    private final boolean experimentalFix;

    Deprecation(String field, String replacement, boolean experimentalFix) {
      this.field = field;
      this.replacement = replacement;
      this.experimentalFix = experimentalFix;
    }

    /** The deprecated field, canonically spelled. */
    public String field() {
      return field;
    }

    /** The field to use instead. */
    public String replacement() {
      return replacement;
    }
  }

  public BuildWarning {
    java.util.Objects.requireNonNull(kind, "kind");
    java.util.Objects.requireNonNull(file, "file");
  }

  /** The warnings of the set fields ({@code fields} canonical, null values already removed), in kustomize's order. */
  public static List<BuildWarning> deprecations(java.util.Set<String> fields, String file) {
    return java.util.Arrays.stream(Deprecation.values()).filter(d -> fields.contains(d.field))
        .map(d -> new BuildWarning(d, file)).toList();
  }

  /** The line kubectl / kustomize prints on stderr (without the newline). */
  public String kubectlText() {
    return "# Warning: '" + kind.field + "' is deprecated. Please use '" + kind.replacement + "' instead. "
        + (kind.experimentalFix ? "[EXPERIMENTAL] " : "")
        + "Run 'kustomize edit fix' to update your Kustomization automatically.";
  }

  /** A short message naming the file and the fix, for reports. */
  public String message() {
    return file + ": '" + kind.field + "' is deprecated, use '" + kind.replacement + "'; 'kustomize edit fix' rewrites it"
        + (kind.experimentalFix ? " (experimental)" : "");
  }
}
