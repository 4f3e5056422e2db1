package dev.foresight.kustomize.patch;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.ScalarStyle;
import dev.foresight.kustomize.yaml.SeqNode;
import dev.foresight.kustomize.yaml.Tags;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The JSON side of kustomize's JSON 6902 patching: a resource as kyaml marshals it to JSON (keys
 * sorted, numbers as float64, {@link JsonPatch#NULL} for null), a patch value as
 * sigs.k8s.io/yaml reads it, and the way back to YAML.
 */
final class JsonValues {

  private JsonValues() {}

  /** The resource as kyaml's MarshalJSON sees it (go-yaml v3 decoding into interface{}). */
  static Object toJson(Node node) throws KustomizeException {
    if (node instanceof MapNode m) {
      TreeMap<String, Object> out = new TreeMap<>();
      for (MapNode.Entry e : m.entries()) {
        out.put(e.key().value(), toJson(e.value()));
      }
      return out;
    }
    if (node instanceof SeqNode s) {
      List<Object> out = new ArrayList<>();
      for (Node item : s.items()) {
        out.add(toJson(item));
      }
      return out;
    }
    ScalarNode s = (ScalarNode) node;
    String tag = s.tag() == null ? Tags.STR : s.tag();
    return scalar(s.value(), tag);
  }

  private static Object scalar(String v, String tag) throws KustomizeException {
    switch (tag) {
      case Tags.NULL:
        return JsonPatch.NULL;
      case Tags.BOOL:
        return Boolean.valueOf(v.equalsIgnoreCase("true") || v.equals("y") || v.equalsIgnoreCase("yes")
            || v.equalsIgnoreCase("on") || v.equals("Y"));
      case Tags.INT:
        return parseInt(v);
      case Tags.FLOAT: {
        String f = v.replace("_", "");
        if (f.matches("[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)")) {
          throw new KustomizeException("json: unsupported value: " + v);
        }
        return Double.parseDouble(f);
      }
      default:
        return v;
    }
  }

  private static Double parseInt(String v) {
    String p = v.replace("_", "");
    boolean neg = p.startsWith("-");
    String s = p.startsWith("-") || p.startsWith("+") ? p.substring(1) : p;
    BigInteger n;
    if (s.startsWith("0x") || s.startsWith("0X")) {
      n = new BigInteger(s.substring(2), 16);
    } else if (s.startsWith("0b")) {
      n = new BigInteger(s.substring(2), 2);
    } else if (s.startsWith("0o")) {
      n = new BigInteger(s.substring(2), 8);
    } else if (s.length() > 1 && s.startsWith("0")) {
      n = new BigInteger(s.substring(1), 8);
    } else {
      n = new BigInteger(s);
    }
    return (neg ? n.negate() : n).doubleValue();
  }

  /** A patch value as sigs.k8s.io/yaml's YAMLToJSON reads it (YAML 1.1 plain scalars). */
  static Object fromPatchYaml(Node node) throws KustomizeException {
    if (node instanceof MapNode m) {
      TreeMap<String, Object> out = new TreeMap<>();
      for (MapNode.Entry e : m.entries()) {
        out.put(e.key().value(), fromPatchYaml(e.value()));
      }
      return out;
    }
    if (node instanceof SeqNode s) {
      List<Object> out = new ArrayList<>();
      for (Node item : s.items()) {
        out.add(fromPatchYaml(item));
      }
      return out;
    }
    ScalarNode s = (ScalarNode) node;
    if (s.style() == ScalarStyle.PLAIN && !s.tagExplicit()) {
      String v = s.value();
      switch (v) {
        case "y", "Y", "yes", "Yes", "YES", "on", "On", "ON":
          return Boolean.TRUE;
        case "n", "N", "no", "No", "NO", "off", "Off", "OFF":
          return Boolean.FALSE;
        default:
          break;
      }
    }
    return toJson(s);
  }

  /** kyaml's UnmarshalJSON: the JSON value marshalled by go-yaml v3 and parsed back. */
  @SuppressWarnings("unchecked")
  static Node fromJson(Object v) {
    if (v instanceof JsonText.Raw raw) {
      v = raw.value();
    }
    if (v instanceof Map<?, ?> m) {
      MapNode out = new MapNode();
      new TreeMap<>((Map<String, Object>) m).forEach((k, x) -> out.put(k, fromJson(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      SeqNode out = new SeqNode();
      l.forEach(x -> out.add(fromJson(x)));
      return out;
    }
    if (v == null || v == JsonPatch.NULL) {
      return ScalarNode.nul();
    }
    if (v instanceof Boolean b) {
      return ScalarNode.bool(b);
    }
    if (v instanceof Double d) {
      String text = formatG(d);
      return new ScalarNode(text, YamlValues.resolvePlain(text), ScalarStyle.PLAIN);
    }
    String s = (String) v;
    ScalarStyle style;
    if (s.contains("\n")) {
      style = ScalarStyle.LITERAL;
    } else if (Tags.STR.equals(YamlValues.resolvePlain(s)) && !BASE60.matcher(s).matches()
        && !OLD_BOOL.matcher(s).matches()) {
      style = ScalarStyle.PLAIN;
    } else {
      style = ScalarStyle.DOUBLE_QUOTED;
    }
    return new ScalarNode(s, Tags.STR, style);
  }

  private static final Pattern BASE60 = Pattern.compile("^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?$");
  private static final Pattern OLD_BOOL =
      Pattern.compile("^(y|Y|yes|Yes|YES|on|On|ON|n|N|no|No|NO|off|Off|OFF)$");

  /** Go's {@code strconv.FormatFloat(f, 'g', -1, 64)}. */
  static String formatG(double d) {
    if (d == 0) {
      return (1 / d < 0) ? "-0" : "0";
    }
    BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
    String digits = bd.unscaledValue().toString();
    int exp = digits.length() - bd.scale() - 1;
    String sign = d < 0 ? "-" : "";
    if (exp < -4 || exp >= 6) {
      String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      String es = String.valueOf(Math.abs(exp));
      return sign + mant + "e" + (exp < 0 ? "-" : "+") + (es.length() < 2 ? "0" + es : es);
    }
    return sign + bd.toPlainString();
  }
}
