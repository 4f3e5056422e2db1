package dev.foresight.kustomize.patch;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.ScalarStyle;
import dev.foresight.kustomize.yaml.SeqNode;
import dev.foresight.kustomize.yaml.Tags;
import dev.foresight.kustomize.yaml.Yaml;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * RFC 6902 JSON patch applied the way kustomize v5.5.0 applies it: the resource goes through
 * JSON (keys sorted, comments and styles dropped, numbers as float64) and comes back as freshly
 * marshalled YAML. Operations: add, remove, replace, move, copy, test.
 */
final class JsonPatch {

  /** JSON null. */
  static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  private record Op(String op, String path, String from, Object value, boolean hasValue) {}

  private final List<Op> ops;

  private JsonPatch(List<Op> ops) {
    this.ops = ops;
  }

  boolean isEmpty() {
    return ops.isEmpty();
  }

  /** The operations from a parsed patch document (a sequence of maps, YAML or JSON text). */
  static JsonPatch decode(Node doc, String source) throws KustomizeException {
    if (!(doc instanceof SeqNode seq)) {
      throw new KustomizeException("json patch " + source + " is not a list of operations");
    }
    List<Op> ops = new ArrayList<>();
    for (Node item : seq.items()) {
      if (!(item instanceof MapNode m)) {
        throw new KustomizeException("json patch " + source + ": an operation is not a map");
      }
      String op = m.getString("op");
      String path = m.getString("path");
      if (op == null) {
        throw new KustomizeException("json patch " + source + ": operation without 'op'");
      }
      Node value = m.get("value");
      ops.add(new Op(op, path, m.getString("from"), value == null ? NULL : fromPatchYaml(value),
          value != null));
    }
    return new JsonPatch(ops);
  }

  /** Applies to a resource tree, replacing its content with the re-marshalled result. */
  void apply(MapNode resource) throws KustomizeException {
    Yaml.settleFolded(resource);
    Object doc = toJson(resource);
    for (Op op : ops) {
      doc = applyOne(doc, op);
    }
    if (!(doc instanceof Map<?, ?>)) {
      throw new KustomizeException("json patch result is not an object");
    }
    MapNode result = (MapNode) fromJson(doc);
    resource.entries().clear();
    resource.entries().addAll(result.entries());
    resource.headComment("");
    resource.lineComment("");
    resource.footComment("");
    resource.flow(false);
  }

  // ---- operations --------------------------------------------------------------------------

  private Object applyOne(Object doc, Op op) throws KustomizeException {
    switch (op.op()) {
      case "add":
        return add(doc, pointer(op.path()), copy(op.value()), op);
      case "remove":
        remove(doc, pointer(op.path()), op);
        return doc;
      case "replace": {
        List<String> p = pointer(op.path());
        if (p.isEmpty()) {
          return copy(op.value());
        }
        get(doc, p, op, "replace");
        remove(doc, p, op);
        return add(doc, p, copy(op.value()), op);
      }
      case "move": {
        List<String> from = pointer(op.from());
        Object v = get(doc, from, op, "move");
        remove(doc, from, op);
        return add(doc, pointer(op.path()), v, op);
      }
      case "copy": {
        Object v = get(doc, pointer(op.from()), op, "copy");
        return add(doc, pointer(op.path()), copy(v), op);
      }
      case "test": {
        List<String> p = pointer(op.path());
        Object have = p.isEmpty() ? doc : getOrNull(doc, p);
        if (!jsonEquals(have, op.value())) {
          throw new KustomizeException("testing value " + op.path() + " failed: test failed");
        }
        return doc;
      }
      default:
        throw new KustomizeException("Unexpected kind: " + op.op());
    }
  }

  private static List<String> pointer(String path) throws KustomizeException {
    if (path == null) {
      throw new KustomizeException("operation missing path");
    }
    if (path.isEmpty()) {
      return List.of();
    }
    if (!path.startsWith("/")) {
      throw new KustomizeException("JSON pointer must start with '/': " + path);
    }
    List<String> out = new ArrayList<>();
    for (String part : path.substring(1).split("/", -1)) {
      out.add(part.replace("~1", "/").replace("~0", "~"));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object container(Object doc, List<String> p, Op op) throws KustomizeException {
    Object cur = doc;
    for (int i = 0; i < p.size() - 1; i++) {
      cur = child(cur, p.get(i));
      if (cur == null || cur == NULL) {
        throw new KustomizeException("error in " + op.op() + " for path: '" + op.path()
            + "': doc is missing path: \"" + op.path() + "\": missing value");
      }
    }
    return cur;
  }

  @SuppressWarnings("unchecked")
  private static Object child(Object node, String key) {
    if (node instanceof Map<?, ?> m) {
      return ((Map<String, Object>) m).get(key);
    }
    if (node instanceof List<?> l) {
      try {
        int i = Integer.parseInt(key);
        if (i < 0) {
          i += l.size();
        }
        return i >= 0 && i < l.size() ? l.get(i) : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static Object getOrNull(Object doc, List<String> p) {
    Object cur = doc;
    for (String k : p) {
      cur = child(cur, k);
      if (cur == null) {
        return null;
      }
    }
    return cur;
  }

  private static Object get(Object doc, List<String> p, Op op, String what) throws KustomizeException {
    Object v = getOrNull(doc, p);
    if (v == null) {
      throw new KustomizeException("error in " + what + " for path: '" + op.path()
          + "': unable to get nonexistent key: " + (p.isEmpty() ? "" : p.get(p.size() - 1))
          + ": missing value");
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  private static Object add(Object doc, List<String> p, Object value, Op op) throws KustomizeException {
    if (p.isEmpty()) {
      return value;
    }
    Object parent = container(doc, p, op);
    String key = p.get(p.size() - 1);
    if (parent instanceof Map<?, ?> m) {
      ((Map<String, Object>) m).put(key, value);
      return doc;
    }
    if (parent instanceof List<?> l) {
      List<Object> list = (List<Object>) l;
      if (key.equals("-")) {
        list.add(value);
        return doc;
      }
      int i = index(key, op);
      if (i < 0) {
        i += list.size();
      }
      if (i < 0 || i > list.size()) {
        throw new KustomizeException("error in add for path: '" + op.path() + "': Unable to access invalid index: " + key
            + ": invalid index referenced");
      }
      list.add(i, value);
      return doc;
    }
    throw new KustomizeException("error in add for path: '" + op.path() + "': doc is missing path");
  }

  @SuppressWarnings("unchecked")
  private static void remove(Object doc, List<String> p, Op op) throws KustomizeException {
    if (p.isEmpty()) {
      throw new KustomizeException("error in remove for path: '" + op.path() + "': cannot remove the root");
    }
    Object parent = container(doc, p, op);
    String key = p.get(p.size() - 1);
    if (parent instanceof Map<?, ?> m) {
      if (!m.containsKey(key)) {
        throw new KustomizeException("error in remove for path: '" + op.path()
            + "': Unable to remove nonexistent key: " + key + ": missing value");
      }
      ((Map<String, Object>) m).remove(key);
      return;
    }
    if (parent instanceof List<?> l) {
      int i = index(key, op);
      if (i < 0) {
        i += l.size();
      }
      if (i < 0 || i >= l.size()) {
        throw new KustomizeException("error in remove for path: '" + op.path()
            + "': Unable to access invalid index: " + key + ": invalid index referenced");
      }
      l.remove(i);
      return;
    }
    throw new KustomizeException("error in remove for path: '" + op.path() + "': doc is missing path");
  }

  private static int index(String key, Op op) throws KustomizeException {
    try {
      return Integer.parseInt(key);
    } catch (NumberFormatException e) {
      throw new KustomizeException("error in " + op.op() + " for path: '" + op.path()
          + "': Unable to access invalid index: " + key);
    }
  }

  @SuppressWarnings("unchecked")
  private static Object copy(Object v) {
    if (v instanceof Map<?, ?> m) {
      TreeMap<String, Object> out = new TreeMap<>();
      ((Map<String, Object>) m).forEach((k, x) -> out.put(k, copy(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(copy(x)));
      return out;
    }
    return v;
  }

  private static boolean jsonEquals(Object a, Object b) {
    if (a == null) {
      a = NULL;
    }
    return Objects.equals(a, b);
  }

  // ---- YAML <-> JSON -----------------------------------------------------------------------

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
        return NULL;
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
    if (v == null || v == NULL) {
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
