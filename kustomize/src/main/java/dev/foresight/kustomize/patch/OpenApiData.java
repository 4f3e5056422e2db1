package dev.foresight.kustomize.patch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The slice of the Kubernetes v1.21.2 OpenAPI schema (the default one kustomize v5.5.0 embeds)
 * that strategic merge needs: root definition per apiVersion/kind, each definition's typed
 * fields with their patch strategy and merge keys, and kustomize's namespace-scope table. Loaded
 * once, lazily, from {@code openapi-merge.txt} (see kustomize/tools/gen-openapi-merge.py). A
 * kustomization's {@code openapi: {path: ...}} schema ({@link CustomOpenApi}) is turned into the
 * same form and layered as kyaml layers definitions ({@link OpenApiSession}).
 */
final class OpenApiData {

  private static final String RESOURCE = "openapi-merge.txt";

  private final Map<String, String> rootByType = new HashMap<>();
  private final Map<String, Boolean> namespaced = new HashMap<>();
  private final Map<String, Map<String, String[]>> fields = new HashMap<>();

  private static final class Holder {
    static final OpenApiData INSTANCE = load();
  }

  /** The schema in force for the build on this thread (the builtin one unless a custom one was set). */
  static OpenApiData get() {
    return OpenApiSession.current().data();
  }

  /** The builtin Kubernetes v1.21.2 schema. */
  static OpenApiData builtin() {
    return Holder.INSTANCE;
  }

  /** No definitions at all (a custom schema set before the builtin one was ever parsed). */
  static OpenApiData empty() {
    return new OpenApiData();
  }

  /**
   * kyaml's {@code AddDefinitions} of {@code top} into a copy of this: definitions and resource
   * types of {@code top} replace those of the same name, the rest stay.
   */
  OpenApiData overlay(OpenApiData top) {
    if (top == this || (rootByType.isEmpty() && fields.isEmpty())) {
      return top;
    }
    OpenApiData merged = new OpenApiData();
    merged.rootByType.putAll(rootByType);
    merged.rootByType.putAll(top.rootByType);
    merged.namespaced.putAll(namespaced);
    merged.fields.putAll(fields);
    merged.fields.putAll(top.fields);
    return merged;
  }

  /** Adds a resource type's root definition (custom schemas). */
  void addType(String apiVersion, String kind, String definition) {
    rootByType.put(apiVersion + " " + kind, definition);
  }

  /** Adds a definition with its fields in the compact form the resource file uses (custom schemas). */
  void addDefinition(String definition, Map<String, String[]> definitionFields) {
    fields.put(definition, definitionFields);
  }

  /** True when {@code apiVersion kind} has a root definition here. */
  boolean knowsType(String apiVersion, String kind) {
    return rootByType.containsKey(apiVersion + " " + kind);
  }

  /** True when kustomize's precomputed namespace-scope table knows the type. */
  static boolean precomputed(String apiVersion, String kind) {
    return builtin().namespaced.containsKey(apiVersion + " " + kind);
  }

  /** Schema of a resource type, or null when the type is unknown (CRDs, typos). */
  MergeSchema forType(String apiVersion, String kind) {
    String def = rootByType.get(apiVersion + " " + kind);
    return def == null ? null : new MergeSchema(def, null, null, null, List.of());
  }

  /** kyaml {@code IsCertainlyClusterScoped}: known and not namespaced. */
  boolean isClusterScoped(String apiVersion, String kind) {
    Boolean ns = builtin().namespaced.get(apiVersion + " " + kind);
    return ns != null && !ns;
  }

  MergeSchema field(String definition, String name) {
    Map<String, String[]> props = fields.get(definition);
    if (props == null) {
      return null;
    }
    String[] f = props.get(name);
    if (f == null) {
      // primitive properties and unknown fields alike: nothing below them matters for merging
      return null;
    }
    MergeSchema type = parse(f[0]);
    if (f.length > 1 && type != null) {
      List<String> keys = f[2].equals("-") ? List.of() : Arrays.asList(f[2].split(","));
      type = new MergeSchema(type.definition(), type.items(), type.values(), f[1], keys);
    }
    return type;
  }

  private static MergeSchema parse(String t) {
    switch (t.charAt(0)) {
      case '@':
        return new MergeSchema(t.substring(1), null, null, null, List.of());
      case '[':
        return new MergeSchema(null, parseOrOther(t.substring(1)), null, null, List.of());
      case '{':
        return new MergeSchema(null, null, parseOrOther(t.substring(1)), null, List.of());
      default:
        return MergeSchema.OTHER;
    }
  }

  private static MergeSchema parseOrOther(String t) {
    return t.isEmpty() ? MergeSchema.OTHER : parse(t);
  }

  private static OpenApiData load() {
    OpenApiData data = new OpenApiData();
    try (InputStream in = OpenApiData.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, String[]> current = null;
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] p = line.split("\t");
        switch (p[0]) {
          case "G" -> data.rootByType.putIfAbsent(p[1] + " " + p[2], p[3]);
          case "N" -> data.namespaced.put(p[1] + " " + p[2], Boolean.parseBoolean(p[3]));
          case "D" -> {
            current = new HashMap<>();
            data.fields.put(p[1], current);
          }
          case "F" -> current.put(p[1], Arrays.copyOfRange(p, 2, p.length));
          default -> throw new IllegalStateException("bad line in " + RESOURCE + ": " + line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return data;
  }
}
