package dev.foresight.kustomize.yaml;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.DateTimeException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Implicit typing of plain scalars. {@link #v3Tag} is what kyaml's go-yaml v3 resolves on read
 * (YAML 1.2-ish: only true/false booleans); {@link #v2Tag} is what the go-yaml v2 writer that
 * prints kustomize's output believes (YAML 1.1 booleans yes/no/on/off/y/n too), used to decide
 * which strings must be quoted.
 */
final class Resolver {

  private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
  private static final Set<String> BOOLS_V3 = Set.of("true", "True", "TRUE", "false", "False", "FALSE");
  private static final Set<String> BOOLS_V2_EXTRA = Set.of(
      "y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "n", "N", "no", "No", "NO", "off", "Off", "OFF");
  private static final Set<String> SPECIAL_FLOATS = Set.of(
      ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF");
  private static final Pattern YAML_FLOAT = Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
  private static final Pattern GO_FLOAT = Pattern.compile(
      "^[-+]?(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?|[iI][nN][fF]([iI][nN][iI][tT][yY])?|[nN][aA][nN])$");
  private static final Pattern BASE60 = Pattern.compile("^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?$");
  private static final Pattern TIMESTAMP = Pattern.compile(
      "^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:([Tt ])([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?:[.,]([0-9]+))?(Z|[+-][0-9]{2}:[0-9]{2})?)?$");

  private Resolver() {}

  static String v3Tag(String s) {
    return resolve(s, false);
  }

  static String v2Tag(String s) {
    return resolve(s, true);
  }

  private static String resolve(String s, boolean v2) {
    char hint = s.isEmpty() ? 'N' : hint(s.charAt(0));
    if (hint == 0) {
      return Tags.STR;
    }
    if (NULLS.contains(s)) {
      return Tags.NULL;
    }
    if (BOOLS_V3.contains(s) || (v2 && BOOLS_V2_EXTRA.contains(s))) {
      return Tags.BOOL;
    }
    if (SPECIAL_FLOATS.contains(s)) {
      return Tags.FLOAT;
    }
    if (s.equals("<<")) {
      return Tags.MERGE;
    }
    switch (hint) {
      case '.':
        return goParseFloat(s) != null ? Tags.FLOAT : Tags.STR;
      case 'D':
      case 'S':
        if (timestamp(s) != null) {
          return Tags.TIMESTAMP;
        }
        String plain = s.replace("_", "");
        BigInteger i = GoNumbers.parseGoInteger(plain, true);
        if (i != null && (GoNumbers.fitsInt64(i) || (i.signum() >= 0 && i.compareTo(GoNumbers.UINT64_MAX) <= 0 && plain.charAt(0) != '+'))) {
          return Tags.INT;
        }
        if (YAML_FLOAT.matcher(plain).matches() && goParseFloat(plain) != null) {
          return Tags.FLOAT;
        }
        if (plain.startsWith("0b") || plain.startsWith("-0b")) {
          // handled by parseGoInteger already (0b prefix); out of range falls through
          return Tags.STR;
        }
        return Tags.STR;
      default:
        return Tags.STR;
    }
  }

  private static char hint(char c) {
    if (c == '+' || c == '-') {
      return 'S';
    }
    if (c >= '0' && c <= '9') {
      return 'D';
    }
    if ("yYnNtTfFoO~".indexOf(c) >= 0) {
      return 'M';
    }
    if (c == '.') {
      return '.';
    }
    return 0;
  }

  /** strconv.ParseFloat(s, 64) for decimal text; null on syntax error (range errors give ±Inf like Go's value, but Go fails: null). */
  static Double goParseFloat(String s) {
    if (!GO_FLOAT.matcher(s).matches()) {
      return null;
    }
    String lower = s.toLowerCase();
    if (lower.contains("inf")) {
      return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (lower.contains("nan")) {
      return Double.NaN;
    }
    double d = Double.parseDouble(s);
    if (Double.isInfinite(d)) {
      return null;
    }
    return d;
  }

  static boolean isBase60Float(String s) {
    if (s.isEmpty()) {
      return false;
    }
    char c = s.charAt(0);
    if (!(c == '+' || c == '-' || (c >= '0' && c <= '9')) || s.indexOf(':') < 0) {
      return false;
    }
    return BASE60.matcher(s).matches();
  }

  /** The timestamp as Go's time.Time marshals to JSON (RFC 3339, nanoseconds trimmed), or null. */
  static String timestamp(String s) {
    Matcher m = TIMESTAMP.matcher(s);
    if (!m.matches()) {
      return null;
    }
    String sep = m.group(4);
    String zone = m.group(9);
    if (sep != null && !sep.equals(" ") && zone == null) {
      return null;
    }
    if (sep != null && sep.equals(" ") && zone != null) {
      return null;
    }
    int year = Integer.parseInt(m.group(1));
    int month = Integer.parseInt(m.group(2));
    int day = Integer.parseInt(m.group(3));
    try {
      LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    out.append(String.format("%04d-%02d-%02dT", year, month, day));
    if (sep == null) {
      return out.append("00:00:00Z").toString();
    }
    int h = Integer.parseInt(m.group(5));
    int mi = Integer.parseInt(m.group(6));
    int se = Integer.parseInt(m.group(7));
    if (h > 23 || mi > 59 || se > 59) {
      return null;
    }
    out.append(String.format("%02d:%02d:%02d", h, mi, se));
    String frac = m.group(8);
    if (frac != null) {
      String nine = (frac + "000000000").substring(0, 9);
      String trimmed = nine.replaceAll("0+$", "");
      if (!trimmed.isEmpty()) {
        out.append('.').append(trimmed);
      }
    }
    if (zone == null || zone.equals("Z")) {
      out.append('Z');
    } else {
      int zh = Integer.parseInt(zone.substring(1, 3));
      int zm = Integer.parseInt(zone.substring(4, 6));
      if (zh > 23 || zm > 59) {
        return null;
      }
      out.append((zh == 0 && zm == 0) ? "Z" : zone);
    }
    return out.toString();
  }
}
