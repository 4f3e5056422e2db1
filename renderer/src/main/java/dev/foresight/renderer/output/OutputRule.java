package dev.foresight.renderer.output;

import java.util.regex.Pattern;

/**
 * One {@code report.mask} or {@code report.ignore} entry of {@code foresight.yaml}: the objects it
 * applies to ({@code kind}, {@code name}, {@code namespace}: exact or with {@code *} wildcards,
 * {@code *} when unset) and the field.
 */
public record OutputRule(String kind, String name, String namespace, FieldPath path) {

  /** True when the object of {@code kind}, {@code name}, {@code namespace} is one this rule applies to. */
  public boolean appliesTo(String kind, String name, String namespace) {
    return glob(this.kind, kind) && glob(this.name, name) && glob(this.namespace, namespace);
  }

  /** {@code kind: ConfigMap, name: *-credentials, path: data.*}. */
  public String describe() {
    StringBuilder out = new StringBuilder("kind: ").append(kind);
    if (!name.equals("*")) {
      out.append(", name: ").append(name);
    }
    if (!namespace.equals("*")) {
      out.append(", namespace: ").append(namespace);
    }
    return out.append(", path: ").append(path).toString();
  }

  static boolean glob(String pattern, String value) {
    if (pattern.equals("*")) {
      return true;
    }
    String v = value == null ? "" : value;
    if (!pattern.contains("*")) {
      return pattern.equals(v);
    }
    return Pattern.compile(toRegex(pattern)).matcher(v).matches();
  }

  private static String toRegex(String pattern) {
    StringBuilder regex = new StringBuilder();
    String[] parts = pattern.split("\\*", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(parts[i]));
    }
    return regex.toString();
  }
}
