package dev.foresight.kustomize.yaml;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data kustomize actually prints. kustomize v5.5.0 writes a resource by marshalling it to JSON
 * (go-yaml v3 decode into Go maps) and converting that JSON to YAML with go-yaml v2
 * ({@code sigs.k8s.io/yaml.JSONToYAML}). So what survives is plain data: comments, anchors, tags
 * and styles are gone, keys are sorted the go-yaml v2 way and numbers are normalised. The first
 * step also rewrites folded scalars as go-yaml v3's writer garbles them ({@link FoldedScalar}).
 */
final class OutputModel {

  sealed interface Value permits MapValue, SeqValue, Text, Plain {}

  /** A mapping with its keys already in output order. */
  record MapValue(List<Map.Entry<String, Value>> entries) implements Value {}

  record SeqValue(List<Value> items) implements Value {}

  /** A string: the writer quotes it when needed. */
  record Text(String text) implements Value {}

  /** A number, boolean or null, written as is. */
  record Plain(String text) implements Value {}

  private OutputModel() {}

  static Value of(Node node) {
    return of(node, false);
  }

  /** {@code inFlow}: inside a flow collection, where go-yaml v3 never writes a block scalar. */
  private static Value of(Node node, boolean inFlow) {
    if (node instanceof MapNode map) {
      Map<String, Value> byKey = new LinkedHashMap<>();
      for (MapNode.Entry e : map.entries()) {
        byKey.put(e.key().value(), of(e.value(), inFlow || map.flow()));
      }
      List<Map.Entry<String, Value>> entries = new ArrayList<>(byKey.entrySet());
      entries.sort((a, b) -> KeyOrder.compare(a.getKey(), b.getKey()));
      return new MapValue(entries);
    }
    if (node instanceof SeqNode seq) {
      List<Value> items = new ArrayList<>();
      for (Node item : seq.items()) {
        items.add(of(item, inFlow || seq.flow()));
      }
      return new SeqValue(items);
    }
    return scalar((ScalarNode) node, inFlow);
  }

  private static Value scalar(ScalarNode s, boolean inFlow) {
    String tag = s.tag() == null ? Tags.STR : s.tag();
    String v = s.style() == ScalarStyle.FOLDED && !inFlow ? FoldedScalar.afterRoundTrip(s.value()) : s.value();
    switch (tag) {
      case Tags.NULL:
        return new Plain("null");
      case Tags.BOOL:
        return new Plain(v.equalsIgnoreCase("true") || v.equals("yes") || v.equals("on") ? "true" : "false");
      case Tags.INT:
        return integer(v);
      case Tags.FLOAT:
        return floating(v);
      case Tags.TIMESTAMP: {
        String t = Resolver.timestamp(v);
        return new Text(t == null ? v : t);
      }
      case Tags.BINARY: {
        try {
          byte[] bytes = Base64.getMimeDecoder().decode(v);
          return new Text(new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          return new Text(v);
        }
      }
      default:
        return new Text(throughJson(v));
    }
  }

  /**
   * A string after the JSON hop: encoding/json writes U+0085 (NEL) raw inside a double-quoted
   * JSON string, and go-yaml v2 reading it back folds it like a line break (one break becomes a
   * space, n breaks n-1 newlines, blanks around them dropped).
   */
  static String throughJson(String s) {
    if (s.indexOf('\u0085') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder();
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c == ' ') {
        int j = i;
        while (j < n && s.charAt(j) == ' ') {
          j++;
        }
        if (j >= n || s.charAt(j) != '\u0085') {
          out.append(s, i, j);
        }
        i = j;
      } else if (c == '\u0085') {
        int breaks = 0;
        int j = i;
        while (j < n && (s.charAt(j) == '\u0085' || s.charAt(j) == ' ')) {
          if (s.charAt(j) == '\u0085') {
            breaks++;
          }
          j++;
        }
        out.append(breaks == 1 ? " " : "\n".repeat(breaks - 1));
        i = j;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static Value integer(String v) {
    String plain = v.replace("_", "");
    BigInteger i = GoNumbers.parseGoInteger(plain, true);
    if (i != null && (GoNumbers.fitsInt64(i) || (i.signum() >= 0 && i.compareTo(GoNumbers.UINT64_MAX) <= 0))) {
      return new Plain(i.toString());
    }
    Double d = Resolver.goParseFloat(plain);
    if (d != null) {
      return fromJsonNumber(GoNumbers.jsonFloat(d), d);
    }
    return new Text(v);
  }

  private static Value floating(String v) {
    Double d;
    switch (v) {
      case ".nan", ".NaN", ".NAN" -> d = Double.NaN;
      case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF" -> d = Double.POSITIVE_INFINITY;
      case "-.inf", "-.Inf", "-.INF" -> d = Double.NEGATIVE_INFINITY;
      default -> {
        String plain = v.replace("_", "");
        d = Resolver.goParseFloat(plain);
        if (d == null) {
          BigInteger i = GoNumbers.parseGoInteger(plain, true);
          if (i == null) {
            return new Text(v);
          }
          d = i.doubleValue();
        }
      }
    }
    if (d.isNaN() || d.isInfinite()) {
      // encoding/json refuses these; kustomize fails. Keep go-yaml's spelling.
      return new Plain(GoNumbers.yamlFloat(d));
    }
    return fromJsonNumber(GoNumbers.jsonFloat(d), d);
  }

  /** go-yaml v2 reads the JSON number text back: integers stay integers, the rest are floats. */
  private static Value fromJsonNumber(String json, double d) {
    if (json.matches("-?[0-9]+")) {
      BigInteger i = new BigInteger(json);
      if (GoNumbers.fitsInt64(i) || (i.signum() >= 0 && i.compareTo(GoNumbers.UINT64_MAX) <= 0)) {
        return new Plain(i.toString());
      }
    }
    return new Plain(GoNumbers.yamlFloat(Double.parseDouble(json)));
  }
}
