package dev.foresight.kustomize.patch;

import dev.foresight.kustomize.KustomizeException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * json-patch v4's containers: objects ({@code TreeMap}) and arrays ({@code List}) of JSON values,
 * with v4's lookup ({@code findObject}), its lenient object operations, its array indices
 * (negative ones count from the end, {@code -} appends) and its error texts.
 */
final class JsonDoc {

  private JsonDoc() {}

  /** The container a pointer's last segment lives in, and that segment decoded. */
  record Target(Object container, String key) {

    /** The value, or Java null when an object has no such key; arrays refuse bad indices. */
    @SuppressWarnings("unchecked")
    Object get() throws KustomizeException {
      if (container instanceof Map<?, ?> m) {
        return ((Map<String, Object>) m).get(key);
      }
      List<Object> l = (List<Object>) container;
      return l.get(index(key, l.size()));
    }

    /** replace: objects set (even a key that is missing), arrays overwrite an existing index. */
    @SuppressWarnings("unchecked")
    void set(Object v) throws KustomizeException {
      if (container instanceof Map<?, ?> m) {
        ((Map<String, Object>) m).put(key, v);
        return;
      }
      List<Object> l = (List<Object>) container;
      l.set(index(key, l.size()), v);
    }

    @SuppressWarnings("unchecked")
    void add(Object v) throws KustomizeException {
      if (container instanceof Map<?, ?> m) {
        ((Map<String, Object>) m).put(key, v);
        return;
      }
      List<Object> l = (List<Object>) container;
      if (key.equals("-")) {
        l.add(v);
        return;
      }
      long idx;
      try {
        idx = atoi(key);
      } catch (KustomizeException e) {
        throw new KustomizeException("value was not a proper array index: '" + key + "': " + e.getMessage());
      }
      int size = l.size() + 1;
      if (idx >= size || idx < -size) {
        throw invalidIndex(idx);
      }
      l.add((int) (idx < 0 ? idx + size : idx), v);
    }

    @SuppressWarnings("unchecked")
    void remove() throws KustomizeException {
      if (container instanceof Map<?, ?> m) {
        if (!m.containsKey(key)) {
          throw new KustomizeException("Unable to remove nonexistent key: " + key + ": missing value");
        }
        m.remove(key);
        return;
      }
      List<Object> l = (List<Object>) container;
      l.remove(index(key, l.size()));
    }
  }

  /**
   * v4's findObject: the path is split on {@code /}, its first segment ignored (so a path without
   * a slash finds nothing and {@code a/b} means {@code /b}), the segments between walked, and
   * nothing found when one is missing, null, a scalar or a bad array index.
   */
  static Target find(Object doc, String path) {
    String[] split = path.split("/", -1);
    if (split.length < 2) {
      return null;
    }
    Object cur = doc;
    for (int i = 1; i < split.length - 1; i++) {
      Object next;
      try {
        next = new Target(cur, decodeKey(split[i])).get();
      } catch (KustomizeException e) {
        return null;
      }
      if (!(next instanceof Map<?, ?>) && !(next instanceof List<?>)) {
        return null;
      }
      cur = next;
    }
    return new Target(cur, decodeKey(split[split.length - 1]));
  }

  /** RFC 6901: {@code ~1} is {@code /}, then {@code ~0} is {@code ~}. */
  static String decodeKey(String k) {
    return k.replace("~1", "/").replace("~0", "~");
  }

  /** An index for get/set/remove: negative counts from the end; anything else out of range fails. */
  private static int index(String key, int size) throws KustomizeException {
    long idx = atoi(key);
    if (idx >= size || idx < -size) {
      throw invalidIndex(idx);
    }
    return (int) (idx < 0 ? idx + size : idx);
  }

  /** Go's strconv.Atoi (64-bit int), with its error texts. */
  static long atoi(String s) throws KustomizeException {
    String quoted = "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    String digits = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new KustomizeException("strconv.Atoi: parsing " + quoted + ": invalid syntax");
    }
    try {
      return Long.parseLong(s.startsWith("+") ? digits : s);
    } catch (NumberFormatException e) {
      throw new KustomizeException("strconv.Atoi: parsing " + quoted + ": value out of range");
    }
  }

  private static KustomizeException invalidIndex(long idx) {
    return new KustomizeException("Unable to access invalid index: " + idx + ": invalid index referenced");
  }

  // ---- values -------------------------------------------------------------------------------

  @SuppressWarnings("unchecked")
  static Object deepCopy(Object v) {
    if (v instanceof Map<?, ?> m) {
      TreeMap<String, Object> out = new TreeMap<>();
      ((Map<String, Object>) m).forEach((k, x) -> out.put(k, deepCopy(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(deepCopy(x)));
      return out;
    }
    return v;
  }

  /**
   * v4's lazyNode.equal: objects by keys and values (null equal to null), arrays element-wise,
   * scalars by their compacted JSON bytes (so a {@code 1.0} written in JSON text is not {@code 1}).
   */
  @SuppressWarnings("unchecked")
  static boolean equal(Object have, Object want) throws KustomizeException {
    if (have instanceof Map<?, ?> hm) {
      if (!(want instanceof Map<?, ?> wm) || hm.size() != wm.size()) {
        return false;
      }
      for (Map.Entry<String, Object> e : ((Map<String, Object>) hm).entrySet()) {
        if (!wm.containsKey(e.getKey())) {
          return false;
        }
        Object w = wm.get(e.getKey());
        boolean hn = e.getValue() == JsonPatch.NULL;
        boolean wn = w == JsonPatch.NULL;
        if (hn != wn) {
          return false;
        }
        if (!hn && !equal(e.getValue(), w)) {
          return false;
        }
      }
      return true;
    }
    if (have instanceof List<?> hl) {
      if (!(want instanceof List<?> wl) || hl.size() != wl.size()) {
        return false;
      }
      for (int i = 0; i < hl.size(); i++) {
        if (hl.get(i) == JsonPatch.NULL) {
          throw new KustomizeException("json patch: kustomize v5.5.0 crashes (nil pointer dereference in "
              + "json-patch v4) on a test of an array holding null");
        }
        if (!equal(hl.get(i), wl.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (want instanceof Map<?, ?> || want instanceof List<?> || want == JsonPatch.NULL) {
      return false;
    }
    return bytes(have).equals(bytes(want));
  }

  /** A scalar's JSON bytes: its token when read from JSON text, else Go's json.Marshal output. */
  static String bytes(Object scalar) {
    if (scalar instanceof JsonText.Raw r) {
      return r.token();
    }
    if (scalar instanceof Double d) {
      return goFloat(d);
    }
    if (scalar instanceof Boolean b) {
      return b.toString();
    }
    return goString((String) scalar);
  }

  /** Go's encoding/json float64: 'f' format, 'e' below 1e-6 or from 1e21 on, exponent without padding. */
  static String goFloat(double d) {
    double abs = Math.abs(d);
    if (abs == 0) {
      return (1 / d < 0) ? "-0" : "0";
    }
    if (abs < 1e-6 || abs >= 1e21) {
      String g = JsonValues.formatG(d);
      if (!g.contains("e")) {
        return g;
      }
      return g.replaceFirst("e-0(\\d)$", "e-$1");
    }
    return (d < 0 ? "-" : "") + new BigDecimal(Double.toString(abs)).stripTrailingZeros().toPlainString();
  }

  /** Go's encoding/json string (HTML-safe escaping, as json.Marshal does). */
  static String goString(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** Go's name of a JSON value's type in unmarshal errors. */
  static String typeName(Object v) {
    Object x = v instanceof JsonText.Raw r ? r.value() : v;
    if (x instanceof Map<?, ?>) {
      return "object";
    }
    if (x instanceof List<?>) {
      return "array";
    }
    if (x instanceof Double) {
      return "number";
    }
    if (x instanceof Boolean) {
      return "bool";
    }
    return "string";
  }
}
