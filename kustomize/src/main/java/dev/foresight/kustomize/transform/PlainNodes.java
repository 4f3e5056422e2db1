package dev.foresight.kustomize.transform;

import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.ScalarStyle;
import dev.foresight.kustomize.yaml.SeqNode;
import dev.foresight.kustomize.yaml.Tags;
import java.util.List;
import java.util.Map;

/** Nodes from plain Java values (maps, lists, strings, numbers, booleans, null). */
public final class PlainNodes {

  private PlainNodes() {}

  public static Node of(Object value) {
    if (value == null) {
      return ScalarNode.nul();
    }
    if (value instanceof Node node) {
      return node;
    }
    if (value instanceof Map<?, ?> map) {
      MapNode out = new MapNode();
      map.forEach((k, v) -> out.put(String.valueOf(k), of(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      SeqNode out = new SeqNode();
      list.forEach(v -> out.add(of(v)));
      return out;
    }
    if (value instanceof Boolean b) {
      return ScalarNode.bool(b);
    }
    if (value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger) {
      return new ScalarNode(value.toString(), Tags.INT, ScalarStyle.PLAIN);
    }
    if (value instanceof Number n) {
      return new ScalarNode(n.toString(), Tags.FLOAT, ScalarStyle.PLAIN);
    }
    return ScalarNode.string(value.toString());
  }

  public static MapNode map(Object value) {
    return (MapNode) of(value);
  }

  /** Parses YAML text with snakeyaml-engine (plain data only: for bundled resources and tests). */
  public static Node parse(String yaml) {
    org.snakeyaml.engine.v2.api.LoadSettings settings = org.snakeyaml.engine.v2.api.LoadSettings.builder().build();
    return of(new org.snakeyaml.engine.v2.api.Load(settings).loadFromString(yaml));
  }

  public static List<Node> parseAll(String yaml) {
    org.snakeyaml.engine.v2.api.LoadSettings settings = org.snakeyaml.engine.v2.api.LoadSettings.builder().build();
    List<Node> out = new java.util.ArrayList<>();
    for (Object doc : new org.snakeyaml.engine.v2.api.Load(settings).loadAllFromString(yaml)) {
      if (doc != null) {
        out.add(of(doc));
      }
    }
    return out;
  }
}
