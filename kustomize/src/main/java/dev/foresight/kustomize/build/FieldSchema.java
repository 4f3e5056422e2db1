package dev.foresight.kustomize.build;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.SeqNode;
import dev.foresight.kustomize.yaml.Tags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of a kustomize Go struct, checked the way {@code encoding/json} with
 * {@code DisallowUnknownFields} decodes it: names match exactly, else case-insensitively (the key
 * is rewritten to its canonical spelling), unknown names are an error, scalar types must fit.
 * Values typed {@link Type#ANY} are left to the package that reads them.
 */
final class FieldSchema {

  enum Type { STRING, BOOL, STRING_MAP, STRING_LIST, OBJECT, OBJECT_LIST, ANY }

  private record Field(String name, Type type, FieldSchema nested) {}

  private final String goType;
  private final Map<String, Field> fields = new LinkedHashMap<>();

  FieldSchema(String goType) {
    this.goType = goType;
  }

  FieldSchema field(String name, Type type) {
    fields.put(name, new Field(name, type, null));
    return this;
  }

  FieldSchema field(String name, Type type, FieldSchema nested) {
    fields.put(name, new Field(name, type, nested));
    return this;
  }

  /** Checks {@code map} in place (canonical key spelling; null values removed). */
  void check(MapNode map, String file, String path) throws KustomizeException {
    List<MapNode.Entry> entries = new ArrayList<>(map.entries());
    map.entries().clear();
    for (MapNode.Entry entry : entries) {
      String key = entry.key().value();
      Field field = fields.get(key);
      if (field == null) {
        field = fields.values().stream().filter(f -> f.name().equalsIgnoreCase(key)).findFirst().orElse(null);
      }
      if (field == null) {
        throw KustomizeException.at(file, path + key, entry.key().line(),
            "invalid Kustomization: json: unknown field \"" + key + "\" (not a field of " + goType + ")");
      }
      Node value = entry.value();
      if (value instanceof ScalarNode s && s.isNull()) {
        map.remove(field.name());
        continue;
      }
      checkType(field, value, file, path + field.name());
      map.remove(field.name()); // a later spelling wins, as in Go
      map.entries().add(new MapNode.Entry(ScalarNode.string(field.name()), value));
    }
  }

  private void checkType(Field field, Node value, String file, String path) throws KustomizeException {
    switch (field.type()) {
      case STRING -> requireString(value, file, path);
      case BOOL -> {
        if (!(value instanceof ScalarNode s) || !Tags.BOOL.equals(s.tag())) {
          throw mismatch(value, "bool", file, path);
        }
      }
      case STRING_MAP -> {
        if (!(value instanceof MapNode m)) {
          throw mismatch(value, "map[string]string", file, path);
        }
        for (MapNode.Entry e : m.entries()) {
          if (!(e.value() instanceof ScalarNode s && s.isNull())) {
            requireString(e.value(), file, path + "." + e.key().value());
          }
        }
      }
      case STRING_LIST -> {
        if (!(value instanceof SeqNode seq)) {
          throw mismatch(value, "[]string", file, path);
        }
        for (Node item : seq.items()) {
          if (!(item instanceof ScalarNode s && s.isNull())) {
            requireString(item, file, path);
          }
        }
      }
      case OBJECT -> {
        if (!(value instanceof MapNode m)) {
          throw mismatch(value, "object", file, path);
        }
        if (field.nested() != null) {
          field.nested().check(m, file, path + ".");
        }
      }
      case OBJECT_LIST -> {
        if (!(value instanceof SeqNode seq)) {
          throw mismatch(value, "[]object", file, path);
        }
        for (Node item : seq.items()) {
          if (item instanceof MapNode m) {
            if (field.nested() != null) {
              field.nested().check(m, file, path + "[].");
            }
          } else if (!(item instanceof ScalarNode s && s.isNull())) {
            throw mismatch(item, "object", file, path);
          }
        }
      }
      case ANY -> { }
      default -> throw new IllegalStateException();
    }
  }

  private static void requireString(Node value, String file, String path) throws KustomizeException {
    if (!(value instanceof ScalarNode s) || !(Tags.STR.equals(s.tag()) || Tags.TIMESTAMP.equals(s.tag())
        || Tags.BINARY.equals(s.tag()) || (s.tag() != null && !s.tag().startsWith("tag:yaml.org,2002:")))) {
      throw mismatch(value, "string", file, path);
    }
  }

  private static KustomizeException mismatch(Node value, String goType, String file, String path) {
    String found = value instanceof MapNode ? "object" : value instanceof SeqNode ? "array"
        : value instanceof ScalarNode s && Tags.BOOL.equals(s.tag()) ? "bool"
        : value instanceof ScalarNode s2 && (Tags.INT.equals(s2.tag()) || Tags.FLOAT.equals(s2.tag())) ? "number"
        : "string";
    return KustomizeException.at(file, path, value.line(), "invalid Kustomization: json: cannot unmarshal "
        + found + " into Go struct field " + path + " of type " + goType
        + (goType.equals("string") ? " (quote the value)" : ""));
  }

  // ---- the schemas of types.Kustomization ----

  static final FieldSchema GENERATOR_OPTIONS = new FieldSchema("GeneratorOptions")
      .field("labels", Type.STRING_MAP)
      .field("annotations", Type.STRING_MAP)
      .field("disableNameSuffixHash", Type.BOOL)
      .field("immutable", Type.BOOL);

  static FieldSchema generatorArgs(String goType, boolean secret) {
    FieldSchema schema = new FieldSchema(goType)
        .field("namespace", Type.STRING)
        .field("name", Type.STRING)
        .field("behavior", Type.STRING)
        .field("literals", Type.STRING_LIST)
        .field("files", Type.STRING_LIST)
        .field("envs", Type.STRING_LIST)
        .field("env", Type.STRING)
        .field("options", Type.OBJECT, GENERATOR_OPTIONS);
    if (secret) {
      schema.field("type", Type.STRING);
    }
    return schema;
  }

  static final FieldSchema OBJECT_META = new FieldSchema("ObjectMeta")
      .field("name", Type.STRING)
      .field("namespace", Type.STRING)
      .field("labels", Type.STRING_MAP)
      .field("annotations", Type.STRING_MAP);

  static final FieldSchema SORT_OPTIONS = new FieldSchema("SortOptions")
      .field("order", Type.STRING)
      .field("legacySortOptions", Type.OBJECT, new FieldSchema("LegacySortOptions")
          .field("orderFirst", Type.STRING_LIST)
          .field("orderLast", Type.STRING_LIST));

  /** types.Target (with resid.Gvk's fields promoted). */
  static final FieldSchema TARGET = new FieldSchema("Target")
      .field("apiVersion", Type.STRING)
      .field("group", Type.STRING)
      .field("version", Type.STRING)
      .field("kind", Type.STRING)
      .field("name", Type.STRING)
      .field("namespace", Type.STRING);

  static final FieldSchema VAR = new FieldSchema("Var")
      .field("name", Type.STRING)
      .field("objref", Type.OBJECT, TARGET)
      .field("fieldref", Type.OBJECT, new FieldSchema("FieldSelector").field("fieldPath", Type.STRING));

  static final FieldSchema KUSTOMIZATION = new FieldSchema("Kustomization")
      .field("apiVersion", Type.STRING)
      .field("kind", Type.STRING)
      .field("metadata", Type.OBJECT, OBJECT_META)
      .field("openapi", Type.STRING_MAP)
      .field("namePrefix", Type.STRING)
      .field("nameSuffix", Type.STRING)
      .field("namespace", Type.STRING)
      .field("commonLabels", Type.STRING_MAP)
      .field("labels", Type.OBJECT_LIST)
      .field("commonAnnotations", Type.STRING_MAP)
      .field("patchesStrategicMerge", Type.STRING_LIST)
      .field("patchesJson6902", Type.OBJECT_LIST)
      .field("patches", Type.OBJECT_LIST)
      .field("images", Type.OBJECT_LIST)
      .field("imageTags", Type.OBJECT_LIST)
      .field("replacements", Type.OBJECT_LIST)
      .field("replicas", Type.OBJECT_LIST)
      .field("vars", Type.OBJECT_LIST, VAR)
      .field("sortOptions", Type.OBJECT, SORT_OPTIONS)
      .field("resources", Type.STRING_LIST)
      .field("components", Type.STRING_LIST)
      .field("crds", Type.STRING_LIST)
      .field("bases", Type.STRING_LIST)
      .field("configMapGenerator", Type.OBJECT_LIST, generatorArgs("ConfigMapArgs", false))
      .field("secretGenerator", Type.OBJECT_LIST, generatorArgs("SecretArgs", true))
      .field("helmGlobals", Type.OBJECT)
      .field("helmCharts", Type.OBJECT_LIST)
      .field("helmChartInflationGenerator", Type.OBJECT_LIST)
      .field("generatorOptions", Type.OBJECT, GENERATOR_OPTIONS)
      .field("configurations", Type.STRING_LIST)
      .field("generators", Type.STRING_LIST)
      .field("transformers", Type.STRING_LIST)
      .field("validators", Type.STRING_LIST)
      .field("buildMetadata", Type.STRING_LIST);
}
