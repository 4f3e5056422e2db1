package dev.foresight.kustomize.transform;

import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;

/**
 * Field lookup as kustomize's typed config (YAML decoded through JSON into Go structs) does it:
 * the exact field name first, else the first key equal ignoring case ({@code fieldpath} fills
 * {@code fieldPath}).
 */
final class JsonFields {

  private JsonFields() {}

  static Node get(MapNode map, String field) {
    if (map == null) {
      return null;
    }
    Node exact = map.get(field);
    if (exact != null) {
      return exact;
    }
    for (MapNode.Entry e : map.entries()) {
      if (e.key().value().equalsIgnoreCase(field)) {
        return e.value();
      }
    }
    return null;
  }

  /** The scalar text of the field, "" when absent or null. */
  static String string(MapNode map, String field) {
    Node n = get(map, field);
    return n instanceof ScalarNode s && !s.isNull() ? s.value() : "";
  }

  static MapNode map(MapNode map, String field) {
    return get(map, field) instanceof MapNode m ? m : null;
  }
}
