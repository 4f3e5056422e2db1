package dev.foresight.renderer.secret;

import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.SeqNode;
import dev.foresight.kustomize.yaml.Yaml;
import dev.foresight.renderer.manifest.Manifests;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Masks the fields {@link SecretFlows} found in one build's output: in every object of the field's
 * kind (any name: names change above the kustomization that declared the replacement), at the
 * kustomize field path ({@code a.b}, {@code [key=value]} list items, {@code *}, list indexes), the
 * span of each value that flowed there becomes its token; the whole field when the values are not
 * known or are shorter than {@value SecretMasker#MIN_VALUE_LENGTH} characters. Secrets are left to
 * {@link SecretMasker#mask}. Other documents stay byte for byte.
 */
final class FlowMasks {

  private FlowMasks() {}

  static String apply(String yaml, List<SecretFlows.Field> fields, UnaryOperator<String> token) {
    if (yaml == null || fields.isEmpty()) {
      return yaml;
    }
    List<String> docs = new ArrayList<>();
    for (String doc : Manifests.split(yaml)) {
      MapNode object = Manifests.isEmpty(doc) ? null : Manifests.mapping(doc);
      String kind = object == null ? "" : scalar(object.get("kind"));
      if (object == null || kind.equals("Secret")) {
        docs.add(doc);
        continue;
      }
      boolean changed = false;
      for (SecretFlows.Field field : fields) {
        if (field.kind().isEmpty() || field.kind().equals(kind)) {
          changed |= visit(object, segments(field.fieldPath()), 0, field.values(), token);
        }
      }
      docs.add(changed ? Yaml.emit(object) : doc);
    }
    return Manifests.join(docs);
  }

  /** kustomize's split: dots outside brackets; {@code \.} is a literal dot. */
  static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int depth = 0;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\\' && i + 1 < path.length() && path.charAt(i + 1) == '.') {
        current.append('.');
        i++;
      } else if (c == '.' && depth == 0) {
        out.add(current.toString());
        current.setLength(0);
      } else {
        depth += c == '[' ? 1 : c == ']' ? -1 : 0;
        current.append(c);
      }
    }
    out.add(current.toString());
    return out;
  }

  private static boolean visit(Node node, List<String> path, int i, Map<String, String> values,
      UnaryOperator<String> token) {
    String segment = path.get(i);
    boolean last = i == path.size() - 1;
    boolean changed = false;
    if (node instanceof MapNode map) {
      String key = segment.startsWith("[") && segment.endsWith("]") && !segment.contains("=")
          ? segment.substring(1, segment.length() - 1) : segment;
      for (MapNode.Entry e : map.entries()) {
        if (key.equals("*") || key.equals(e.key().value())) {
          if (last) {
            Node masked = leaf(e.value(), values, token);
            changed |= masked != null;
            if (masked != null) {
              e.value(masked);
            }
          } else {
            changed |= visit(e.value(), path, i + 1, values, token);
          }
        }
      }
    } else if (node instanceof SeqNode seq) {
      List<Node> items = seq.items();
      boolean plainKey = !segment.equals("*") && !segment.startsWith("[") && !isIndex(segment);
      for (int k = 0; k < items.size(); k++) {
        if (plainKey) {
          changed |= visit(items.get(k), path, i, values, token); // superset: a key on a list reaches each item
        } else if (selects(segment, k, items.get(k))) {
          if (last) {
            Node masked = leaf(items.get(k), values, token);
            changed |= masked != null;
            if (masked != null) {
              items.set(k, masked);
            }
          } else {
            changed |= visit(items.get(k), path, i + 1, values, token);
          }
        }
      }
    }
    return changed;
  }

  /** Whether list item {@code k} is selected by {@code *}, an index, or {@code [key=value]}. */
  private static boolean selects(String segment, int k, Node item) {
    if (segment.equals("*")) {
      return true;
    }
    if (isIndex(segment)) {
      return Integer.parseInt(segment) == k;
    }
    int eq = segment.indexOf('=');
    if (!segment.startsWith("[") || !segment.endsWith("]") || eq < 0) {
      return false;
    }
    String key = segment.substring(1, eq);
    String value = segment.substring(eq + 1, segment.length() - 1);
    return item instanceof MapNode map && map.get(key) instanceof ScalarNode s
        && (value.equals("*") || value.equals(s.value()));
  }

  private static boolean isIndex(String segment) {
    return !segment.isEmpty() && segment.length() < 10 && segment.chars().allMatch(Character::isDigit);
  }

  /** The masked field, or null when nothing in it came from the values. */
  private static Node leaf(Node node, Map<String, String> values, UnaryOperator<String> token) {
    boolean[] changed = {false};
    Node out = masked(node, values, token, changed);
    return changed[0] ? out : null;
  }

  private static Node masked(Node node, Map<String, String> values, UnaryOperator<String> token, boolean[] changed) {
    if (node instanceof ScalarNode s) {
      if (s.isNull() || s.value() == null || s.value().startsWith(SecretMasker.PREFIX)
          || s.value().startsWith(SecretMasker.SOPS_PREFIX)) {
        return node;
      }
      String out = spans(s.value(), values, token);
      if (!out.equals(s.value())) {
        changed[0] = true;
        return ScalarNode.string(out);
      }
      return node;
    }
    if (node instanceof MapNode map) {
      for (MapNode.Entry e : map.entries()) {
        e.value(masked(e.value(), values, token, changed));
      }
    } else if (node instanceof SeqNode seq) {
      for (int k = 0; k < seq.items().size(); k++) {
        seq.items().set(k, masked(seq.items().get(k), values, token, changed));
      }
    }
    return node;
  }

  /** {@code value} with each flowed value's span as its token; all of it when unknown or too short to cut out. */
  private static String spans(String value, Map<String, String> values, UnaryOperator<String> token) {
    if (values.isEmpty()) {
      return token.apply(value);
    }
    List<Map.Entry<String, String>> longestFirst = new ArrayList<>(values.entrySet());
    longestFirst.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
    String out = value;
    for (Map.Entry<String, String> v : longestFirst) {
      if (v.getKey().isEmpty() || !out.contains(v.getKey())) {
        continue;
      }
      if (out.equals(v.getKey())) {
        return token.apply(v.getValue());
      }
      if (v.getKey().length() < SecretMasker.MIN_VALUE_LENGTH) {
        return token.apply(value); // a short value inside a longer string: no span to cut out safely
      }
      out = out.replace(v.getKey(), token.apply(v.getValue()));
    }
    return out;
  }

  private static String scalar(Node node) {
    return node instanceof ScalarNode s && s.value() != null ? s.value() : "";
  }
}
