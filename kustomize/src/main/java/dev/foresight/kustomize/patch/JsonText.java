package dev.foresight.kustomize.patch;

import dev.foresight.kustomize.KustomizeException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Strict JSON, as Go's encoding/json reads a patch whose text starts with {@code [} (kustomize
 * hands such text to json-patch unchanged, YAML flow syntax is refused). Scalars keep their
 * source token ({@link Raw}) because json-patch v4 compares scalars by their compacted bytes:
 * {@code 1.0} does not test equal to {@code 1}, nor {@code "\u0078"} to {@code "x"}.
 */
final class JsonText {

  /** A scalar read from JSON text: its token as written and its decoded value. */
  record Raw(String token, Object value) {}

  private final String s;
  private int i;

  private JsonText(String s) {
    this.s = s;
  }

  /** Parses one JSON value (the whole text); errors read like Go's. */
  static Object parse(String text) throws KustomizeException {
    JsonText p = new JsonText(text);
    p.ws();
    Object v = p.value();
    p.ws();
    if (p.i < p.s.length()) {
      throw p.bad("after top-level value");
    }
    return v;
  }

  private Object value() throws KustomizeException {
    if (i >= s.length()) {
      throw new KustomizeException("unexpected end of JSON input");
    }
    char c = s.charAt(i);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"': {
        int start = i;
        String v = string();
        return new Raw(s.substring(start, i), v);
      }
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        literal("null", null);
        return JsonPatch.NULL;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw bad("looking for beginning of value");
    }
  }

  private Object object() throws KustomizeException {
    TreeMap<String, Object> out = new TreeMap<>();
    i++;
    ws();
    if (peek() == '}') {
      i++;
      return out;
    }
    while (true) {
      ws();
      if (peek() != '"') {
        throw bad("looking for beginning of object key string");
      }
      String key = string();
      ws();
      if (peek() != ':') {
        throw bad("after object key");
      }
      i++;
      ws();
      out.put(key, value());
      ws();
      char c = peek();
      if (c == ',') {
        i++;
      } else if (c == '}') {
        i++;
        return out;
      } else {
        throw bad("after object key:value pair");
      }
    }
  }

  private Object array() throws KustomizeException {
    List<Object> out = new ArrayList<>();
    i++;
    ws();
    if (peek() == ']') {
      i++;
      return out;
    }
    while (true) {
      ws();
      out.add(value());
      ws();
      char c = peek();
      if (c == ',') {
        i++;
      } else if (c == ']') {
        i++;
        return out;
      } else {
        throw bad("after array element");
      }
    }
  }

  private String string() throws KustomizeException {
    StringBuilder b = new StringBuilder();
    i++;
    while (true) {
      if (i >= s.length()) {
        throw new KustomizeException("unexpected end of JSON input");
      }
      char c = s.charAt(i++);
      if (c == '"') {
        return b.toString();
      }
      if (c < 0x20) {
        i--;
        throw bad("in string literal");
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      if (i >= s.length()) {
        throw new KustomizeException("unexpected end of JSON input");
      }
      char e = s.charAt(i++);
      switch (e) {
        case '"', '\\', '/' -> b.append(e);
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          if (i + 4 > s.length()) {
            throw new KustomizeException("unexpected end of JSON input");
          }
          try {
            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
          } catch (NumberFormatException x) {
            throw bad("in \\u hexadecimal character escape");
          }
          i += 4;
        }
        default -> {
          i--;
          throw bad("in string escape code");
        }
      }
    }
  }

  private Object number() throws KustomizeException {
    int start = i;
    if (peek() == '-') {
      i++;
    }
    if (peek() == '0') {
      i++;
    } else if (Character.isDigit(peek())) {
      digits();
    } else {
      throw bad("in numeric literal");
    }
    if (peek() == '.') {
      i++;
      if (!Character.isDigit(peek())) {
        throw bad("after decimal point in numeric literal");
      }
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      i++;
      if (peek() == '+' || peek() == '-') {
        i++;
      }
      if (!Character.isDigit(peek())) {
        throw bad("in exponent of numeric literal");
      }
      digits();
    }
    String token = s.substring(start, i);
    return new Raw(token, Double.parseDouble(token));
  }

  private void digits() {
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
  }

  private Object literal(String word, Object v) throws KustomizeException {
    for (int k = 0; k < word.length(); k++) {
      if (i >= s.length()) {
        throw new KustomizeException("unexpected end of JSON input");
      }
      if (s.charAt(i) != word.charAt(k)) {
        throw bad("in literal " + word + " (expecting '" + word.charAt(k) + "')");
      }
      i++;
    }
    return v == null ? null : new Raw(word, v);
  }

  private char peek() {
    return i < s.length() ? s.charAt(i) : '\0';
  }

  private void ws() {
    while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
  }

  private KustomizeException bad(String context) {
    if (i >= s.length()) {
      return new KustomizeException("unexpected end of JSON input");
    }
    char c = s.charAt(i);
    String shown = c == '\'' ? "\\'" : c < 0x20 ? String.format("\\x%02x", (int) c) : String.valueOf(c);
    return new KustomizeException("invalid character '" + shown + "' " + context);
  }
}
