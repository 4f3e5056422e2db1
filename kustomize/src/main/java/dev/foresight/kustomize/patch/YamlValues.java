package dev.foresight.kustomize.patch;

import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.ScalarStyle;
import dev.foresight.kustomize.yaml.Tags;
import java.util.Set;
import java.util.regex.Pattern;

/** Scalar resolution rules kyaml relies on (YAML 1.2 core as go-yaml v3 resolves, and YAML 1.1). */
final class YamlValues {

  private static final Set<String> BOOL_11 = Set.of("y", "Y", "yes", "Yes", "YES", "n", "N", "no",
      "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off",
      "OFF");
  private static final Set<String> NULLS = Set.of("~", "null", "Null", "NULL");
  private static final Set<String> BOOL_12 = Set.of("true", "True", "TRUE", "false", "False", "FALSE");
  private static final Pattern FLOAT = Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
  private static final Pattern SPECIAL_FLOAT =
      Pattern.compile("^([-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN))$");

  private YamlValues() {}

  /** The tag go-yaml v3 gives a plain scalar with this text. */
  static String resolvePlain(String v) {
    if (v.isEmpty() || NULLS.contains(v)) {
      return Tags.NULL;
    }
    if (BOOL_12.contains(v)) {
      return Tags.BOOL;
    }
    if (isInt(v)) {
      return Tags.INT;
    }
    if (FLOAT.matcher(v.replace("_", "")).matches() || SPECIAL_FLOAT.matcher(v).matches()) {
      return Tags.FLOAT;
    }
    return Tags.STR;
  }

  static boolean isInt(String v) {
    String plain = v.replace("_", "");
    String s = plain.startsWith("-") || plain.startsWith("+") ? plain.substring(1) : plain;
    if (s.isEmpty()) {
      return false;
    }
    try {
      if (s.startsWith("0x") || s.startsWith("0X")) {
        new java.math.BigInteger(s.substring(2), 16);
      } else if (s.startsWith("0b")) {
        new java.math.BigInteger(s.substring(2), 2);
      } else if (s.startsWith("0o")) {
        new java.math.BigInteger(s.substring(2), 8);
      } else if (s.length() > 1 && s.startsWith("0")) {
        new java.math.BigInteger(s.substring(1), 8);
      } else {
        if (!s.chars().allMatch(Character::isDigit)) {
          return false;
        }
      }
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** kyaml {@code IsValueNonString}: a YAML 1.1 parser would read this text as a non-string. */
  static boolean isYaml11NonString(String v) {
    if (v.isEmpty() || v.contains("\n")) {
      return false;
    }
    if (BOOL_11.contains(v) || NULLS.contains(v) || isInt(v)
        || FLOAT.matcher(v.replace("_", "")).matches() || SPECIAL_FLOAT.matcher(v).matches()) {
      return true;
    }
    // flow collections and block structures also unmarshal to non-strings
    return (v.startsWith("[") && v.endsWith("]")) || (v.startsWith("{") && v.endsWith("}"))
        || v.startsWith("- ") || v.equals("-") || v.contains(": ") || v.endsWith(":");
  }

  /** kyaml {@code NewScalarRNode}: an untagged plain scalar (the tag it will resolve to). */
  static ScalarNode untagged(String value) {
    return new ScalarNode(value, resolvePlain(value), ScalarStyle.PLAIN);
  }

  static boolean isNull(Node n) {
    return n instanceof ScalarNode s && s.isNull();
  }

  /** kyaml {@code IsMissingOrNull}. */
  static boolean missingOrNull(Node n) {
    return n == null || Tags.NULL.equals(n.tag());
  }
}
