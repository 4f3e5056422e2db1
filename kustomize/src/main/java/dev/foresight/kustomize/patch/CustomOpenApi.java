package dev.foresight.kustomize.patch;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.SeqNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A custom OpenAPI (swagger v2) document, JSON or YAML, reduced to what strategic merge reads:
 * the root definition of each type in {@code x-kubernetes-group-version-kind}, and per definition
 * the typed properties with {@code x-kubernetes-patch-strategy} and their merge keys
 * ({@code x-kubernetes-list-map-keys}, else {@code x-kubernetes-patch-merge-key}). Objects declared
 * inline (properties without a {@code $ref}) get a synthetic definition name, so a field lookup
 * descends into them as kyaml's does.
 */
final class CustomOpenApi {

  private final OpenApiData data = OpenApiData.empty();
  private final String file;

  private CustomOpenApi(String file) {
    this.file = file;
  }

  /** Reads the {@code definitions} of {@code document} (the parsed schema file). */
  static OpenApiData parse(Node document, String file) throws KustomizeException {
    if (document == null) {
      return OpenApiData.empty();
    }
    if (!(document instanceof MapNode root)) {
      throw new KustomizeException("invalid schema file " + file + ": expected an OpenAPI (swagger v2) object "
          + "with 'definitions'");
    }
    CustomOpenApi custom = new CustomOpenApi(file);
    Node definitions = root.get("definitions");
    if (definitions instanceof MapNode defs) {
      for (MapNode.Entry e : defs.entries()) {
        if (e.value() instanceof MapNode def) {
          custom.definition(e.key().value(), def);
        }
      }
    } else if (definitions != null && !isNull(definitions)) {
      throw new KustomizeException("invalid schema file " + file + ": 'definitions' must be a map of schemas");
    }
    return custom.data;
  }

  private void definition(String name, MapNode def) throws KustomizeException {
    if (def.get("x-kubernetes-group-version-kind") instanceof SeqNode gvks) {
      for (Node gvk : gvks.items()) {
        if (gvk instanceof MapNode m) {
          String group = string(m, "group");
          String version = string(m, "version");
          data.addType(group.isEmpty() ? version : group + "/" + version, string(m, "kind"), name);
        }
      }
    }
    object(name, def);
  }

  /** Records the properties of an object schema under {@code name}. */
  private void object(String name, MapNode schema) throws KustomizeException {
    if (!(schema.get("properties") instanceof MapNode props) || props.isEmpty()) {
      return;
    }
    Map<String, String[]> fields = new HashMap<>();
    for (MapNode.Entry e : props.entries()) {
      if (!(e.value() instanceof MapNode property)) {
        continue;
      }
      String field = e.key().value();
      String type = type(property, name + "/" + field);
      String strategy = property.get("x-kubernetes-patch-strategy") instanceof ScalarNode s && !s.isNull()
          ? s.value() : null;
      if (type.equals("-") && strategy == null) {
        continue;
      }
      if (strategy == null) {
        fields.put(field, new String[] {type});
      } else {
        List<String> keys = keys(property);
        fields.put(field, new String[] {type, strategy, keys.isEmpty() ? "-" : String.join(",", keys)});
      }
    }
    data.addDefinition(name, fields);
  }

  private String type(MapNode schema, String syntheticName) throws KustomizeException {
    Node ref = schema.get("$ref");
    if (ref instanceof ScalarNode r && !r.isNull()) {
      String target = r.value();
      if (!target.startsWith("#/definitions/")) {
        throw new KustomizeException("invalid schema file " + file + ": unsupported $ref '" + target
            + "' (only local '#/definitions/...' references)");
      }
      return "@" + target.substring("#/definitions/".length());
    }
    if (isType(schema, "array")) {
      return schema.get("items") instanceof MapNode items ? "[" + type(items, syntheticName + "[]") : "-";
    }
    if (schema.get("properties") instanceof MapNode props && !props.isEmpty()) {
      object(syntheticName, schema);
      return "@" + syntheticName;
    }
    if (schema.get("additionalProperties") instanceof MapNode values) {
      return "{" + type(values, syntheticName + "{}");
    }
    return "-";
  }

  private static List<String> keys(MapNode property) {
    List<String> keys = new ArrayList<>();
    if (property.get("x-kubernetes-list-map-keys") instanceof SeqNode list) {
      for (Node key : list.items()) {
        if (key instanceof ScalarNode s) {
          keys.add(s.value());
        }
      }
      return keys;
    }
    if (property.get("x-kubernetes-patch-merge-key") instanceof ScalarNode mk && !mk.isNull()) {
      keys.add(mk.value());
    }
    return keys;
  }

  /** kyaml's Elements wants {@code type: [array]} exactly (a string or a one-item list). */
  private static boolean isType(MapNode schema, String type) {
    Node t = schema.get("type");
    if (t instanceof ScalarNode s) {
      return s.value().equals(type);
    }
    return t instanceof SeqNode seq && seq.items().size() == 1 && seq.items().get(0) instanceof ScalarNode s
        && s.value().equals(type);
  }

  private static String string(MapNode m, String key) {
    return m.get(key) instanceof ScalarNode s && !s.isNull() ? s.value() : "";
  }

  private static boolean isNull(Node n) {
    return n instanceof ScalarNode s && s.isNull();
  }
}
