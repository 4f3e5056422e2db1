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
 * once, lazily, from {@code openapi-merge.txt} (see kustomize/tools/gen-openapi-merge.py).
 */
final class OpenApiData {

  private static final String RESOURCE = "openapi-merge.txt";

  private final Map<String, String> rootByType = new HashMap<>();
  private final Map<String, Boolean> namespaced = new HashMap<>();
  private final Map<String, Map<String, String[]>> fields = new HashMap<>();

  private static final class Holder {
    static final OpenApiData INSTANCE = load();
  }

  static OpenApiData get() {
    return Holder.INSTANCE;
  }

  /** Schema of a resource type, or null when the type is unknown (CRDs, typos). */
  MergeSchema forType(String apiVersion, String kind) {
    String def = rootByType.get(apiVersion + " " + kind);
    return def == null ? null : new MergeSchema(def, null, null, null, List.of());
  }

  /** kyaml {@code IsCertainlyClusterScoped}: known and not namespaced. */
  boolean isClusterScoped(String apiVersion, String kind) {
    Boolean ns = namespaced.get(apiVersion + " " + kind);
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
