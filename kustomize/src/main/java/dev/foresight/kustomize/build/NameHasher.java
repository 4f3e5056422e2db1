package dev.foresight.kustomize.build;

import dev.foresight.kustomize.resource.Resource;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.SeqNode;
import dev.foresight.kustomize.yaml.Tags;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;

/**
 * kustomize's name hash (api/hasher): the ConfigMap or Secret encoded as the JSON kustomize hashes
 * (kind, data, binaryData/type/stringData and a name that is always empty: kustomize looks up
 * "metadata/name" as one field name, finding nothing; keys sorted, Go's escaping), SHA-256, the first
 * ten hex digits with {@code 0 1 3 a e} replaced by {@code g h k m t}.
 */
public final class NameHasher {

  private NameHasher() {}

  /** The suffix for {@code resource} (without the dash). */
  public static String hash(Resource resource) {
    MapNode node = resource.node();
    String kind = node.getString("kind");
    Map<String, Object> m = new TreeMap<>();
    if ("ConfigMap".equals(kind)) {
      m.put("kind", "ConfigMap");
      m.put("name", "");
      m.put("data", value(node.get("data")));
      if (node.get("binaryData") instanceof MapNode b) {
        m.put("binaryData", b);
      }
    } else if ("Secret".equals(kind)) {
      m.put("kind", "Secret");
      m.put("type", value(node.get("type")));
      m.put("name", "");
      m.put("data", value(node.get("data")));
      if (node.get("stringData") instanceof MapNode s) {
        m.put("stringData", s);
      }
    } else {
      return encode(sha256(json(node)));
    }
    StringBuilder out = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, Object> e : m.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      out.append(quote(e.getKey())).append(':');
      Object v = e.getValue();
      out.append(v instanceof Node n ? json(n) : quote((String) v));
    }
    return encode(sha256(out.append('}').toString()));
  }

  private static Object value(Node node) {
    if (node == null) {
      return "";
    }
    if (node instanceof ScalarNode s) {
      return s.value();
    }
    return node;
  }

  /** kustomize's 10-character encoding of a hex digest. */
  public static String encode(String hex) {
    StringBuilder out = new StringBuilder();
    for (char c : hex.substring(0, 10).toCharArray()) {
      out.append(switch (c) {
        case '0' -> 'g';
        case '1' -> 'h';
        case '3' -> 'k';
        case 'a' -> 'm';
        case 'e' -> 't';
        default -> c;
      });
    }
    return out.toString();
  }

  static String sha256(String data) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(data.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (byte b : digest) {
        hex.append(String.format("%02x", b));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The node as Go's json.Marshal writes the decoded value: maps sorted by key, compact. */
  static String json(Node node) {
    if (node instanceof MapNode map) {
      Map<String, Node> sorted = new TreeMap<>();
      for (MapNode.Entry e : map.entries()) {
        sorted.put(e.key().value(), e.value());
      }
      StringBuilder out = new StringBuilder("{");
      boolean first = true;
      for (Map.Entry<String, Node> e : sorted.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        out.append(quote(e.getKey())).append(':').append(json(e.getValue()));
      }
      return out.append('}').toString();
    }
    if (node instanceof SeqNode seq) {
      StringBuilder out = new StringBuilder("[");
      for (int i = 0; i < seq.items().size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append(json(seq.items().get(i)));
      }
      return out.append(']').toString();
    }
    ScalarNode s = (ScalarNode) node;
    String tag = s.tag() == null ? Tags.STR : s.tag();
    switch (tag) {
      case Tags.NULL:
        return "null";
      case Tags.BOOL:
        return s.value().toLowerCase();
      case Tags.INT:
      case Tags.FLOAT:
        try {
          BigDecimal number = new BigDecimal(s.value().replace("_", ""));
          if (number.abs().compareTo(new BigDecimal("1e21")) < 0) {
            return number.stripTrailingZeros().toPlainString();
          }
          return Double.toString(number.doubleValue()).replace("E", "e+").replace("e+-", "e-");
        } catch (NumberFormatException e) {
          return quote(s.value());
        }
      default:
        return quote(s.value());
    }
  }

  /** A JSON string as Go's encoding/json writes it (HTML-safe escaping). */
  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
