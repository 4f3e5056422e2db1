package dev.foresight.kustomize.patch;

import java.util.List;

/**
 * What kyaml's merge walker knows of one schema position: a definition (fields by name), an array
 * (items, with the patch strategy and merge keys of the field that declared it), a map (values) or
 * anything else. {@code null} stands for "no schema", as kyaml's nil ResourceSchema does.
 */
record MergeSchema(String definition, MergeSchema items, MergeSchema values, String strategy,
    List<String> keys) {

  static final MergeSchema OTHER = new MergeSchema(null, null, null, null, List.of());

  /** kyaml {@code ResourceSchema.Field}: the property, else the map value type, else null. */
  MergeSchema field(String name) {
    if (definition != null) {
      return OpenApiData.get().field(definition, name);
    }
    return values;
  }

  /** kyaml {@code ResourceSchema.Elements}. */
  MergeSchema elements() {
    return items;
  }

  /** kyaml {@code schemaHasMergeStrategy}: the patch strategy lists {@code merge}. */
  boolean hasMergeStrategy() {
    if (strategy == null) {
      return false;
    }
    for (String s : strategy.split(",", -1)) {
      if (s.equals("merge")) {
        return true;
      }
    }
    return false;
  }
}
