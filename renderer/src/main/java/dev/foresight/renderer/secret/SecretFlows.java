package dev.foresight.renderer.secret;

import dev.foresight.kustomize.FileTree;
import dev.foresight.renderer.manifest.Manifests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Where one kustomize build copies a Secret's data into other objects, found statically in the
 * files the build reads (its closure):
 *
 * <ul>
 *   <li>{@code replacements} (inline, {@code path:} files, {@code ReplacementTransformer} configs)
 *       whose source is a Secret's {@code data}/{@code stringData} field (a source without
 *       {@code kind} whose name is a Secret of the output counts too), and replacements that copy
 *       on from a field such a replacement wrote (chains);
 *   <li>{@code vars} whose {@code objref} is a Secret and whose {@code fieldref} is under
 *       {@code data}/{@code stringData}: {@code $(VAR)} lands in any field of the varReference
 *       configuration, so these values are masked by equality in that build's output (the only
 *       value-based masking of outputs left; see {@link Resolved#varValues()}).
 * </ul>
 *
 * {@link #resolve} reads the values from the build's clear output: the fields to mask and the
 * values that flowed there. Pure.
 */
public final class SecretFlows {

  /** A replacement's source: {@code kind} empty when unset, {@code fieldPath} kustomize's. */
  record Source(String kind, String name, String fieldPath, String delimiter, int index) {}

  /** A replacement's target: the selected kind (empty: any), its field paths. */
  record Target(String kind, List<String> fieldPaths) {}

  record Replacement(Source source, List<Target> targets) {}

  record Var(String kind, String name, String fieldPath) {}

  /**
   * A field a Secret's data was copied into: objects of {@code kind} (empty: any kind), the kustomize
   * {@code fieldPath} ({@code spec.template.spec.containers.[name=app].env.[name=DB].value}), and the
   * values copied (as copied, to their clear value, from which the token is made). No values: they
   * could not be read (the source Secret is not in the output), so the whole field is masked.
   */
  public record Field(String kind, String fieldPath, Map<String, String> values) {

    public Field {
      values = Map.copyOf(values);
    }
  }

  /**
   * What to mask in one build's output: {@code fields} written from Secrets by replacements;
   * {@code varValues} Secret values that vars spread (clear and as written), masked wherever they
   * appear in that output.
   */
  public record Resolved(List<Field> fields, Set<String> varValues) {

    public static final Resolved NONE = new Resolved(List.of(), Set.of());

    public Resolved {
      fields = List.copyOf(fields);
      varValues = Set.copyOf(varValues);
    }

    public boolean isEmpty() {
      return fields.isEmpty() && varValues.isEmpty();
    }
  }

  private static final SecretFlows NO_FLOWS = new SecretFlows(List.of(), List.of());

  private final List<Replacement> replacements;
  private final List<Var> vars;

  private SecretFlows(List<Replacement> replacements, List<Var> vars) {
    this.replacements = List.copyOf(replacements);
    this.vars = List.copyOf(vars);
  }

  /**
   * The replacements and vars declared in {@code files} of {@code tree} (a build's closure files):
   * kustomization files, replacement files, transformer configs. Files that are not YAML are
   * skipped (the build itself reports them).
   */
  public static SecretFlows scan(FileTree tree, Collection<String> files) throws IOException {
    List<Replacement> replacements = new ArrayList<>();
    List<Var> vars = new ArrayList<>();
    for (String file : files) {
      Optional<byte[]> bytes = tree.read(file);
      if (bytes.isEmpty()) {
        continue;
      }
      String text = new String(bytes.get(), StandardCharsets.UTF_8);
      if (!text.contains("source") && !text.contains("objref")) {
        continue;
      }
      try {
        for (Object doc : new Load(LoadSettings.builder().build()).loadAllFromString(text)) {
          declarations(doc, replacements, vars);
        }
      } catch (RuntimeException notYaml) {
        // the build fails on it and says so
      }
    }
    return replacements.isEmpty() && vars.isEmpty() ? NO_FLOWS : new SecretFlows(replacements, vars);
  }

  /** True when the build declares no replacement and no var. */
  public boolean isEmpty() {
    return replacements.isEmpty() && vars.isEmpty();
  }

  private static void declarations(Object doc, List<Replacement> replacements, List<Var> vars) {
    if (doc instanceof List<?> list) {
      list.forEach(item -> replacement(item).ifPresent(replacements::add)); // a replacements path: file
      return;
    }
    if (!(doc instanceof Map<?, ?> map)) {
      return;
    }
    replacement(map).ifPresent(replacements::add); // a path: file holding one replacement
    if (map.get("replacements") instanceof List<?> list) {
      list.forEach(item -> replacement(item).ifPresent(replacements::add));
    }
    if (map.get("vars") instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> var && var.get("objref") instanceof Map<?, ?> ref) {
          String fieldPath = var.get("fieldref") instanceof Map<?, ?> f ? string(f.get("fieldpath")) : "";
          vars.add(new Var(string(ref.get("kind")), string(ref.get("name")),
              fieldPath.isEmpty() ? "metadata.name" : fieldPath));
        }
      }
    }
  }

  private static Optional<Replacement> replacement(Object item) {
    if (!(item instanceof Map<?, ?> map) || !(map.get("source") instanceof Map<?, ?> source)
        || !(map.get("targets") instanceof List<?> targets)) {
      return Optional.empty();
    }
    Map<?, ?> options = source.get("options") instanceof Map<?, ?> o ? o : Map.of();
    String fieldPath = string(source.get("fieldPath"));
    int index = options.get("index") instanceof Number n ? n.intValue() : 0;
    Source from = new Source(string(source.get("kind")), string(source.get("name")),
        fieldPath.isEmpty() ? "metadata.name" : fieldPath, string(options.get("delimiter")), index);
    List<Target> to = new ArrayList<>();
    for (Object t : targets) {
      if (t instanceof Map<?, ?> target && target.get("fieldPaths") instanceof List<?> paths) {
        String kind = target.get("select") instanceof Map<?, ?> select ? string(select.get("kind")) : "";
        to.add(new Target(kind, paths.stream().map(SecretFlows::string).filter(p -> !p.isEmpty()).toList()));
      }
    }
    return Optional.of(new Replacement(from, to));
  }

  /** The fields to mask in {@code output} (the build's clear output) and the values that flowed there. */
  public Resolved resolve(String output) {
    if (isEmpty() || output == null || !output.contains("Secret")) {
      return Resolved.NONE;
    }
    List<Map<?, ?>> secrets = secrets(output);
    // replacement index -> values copied (raw -> clear); present with no values: unknown, mask whole fields
    Map<Integer, Map<String, String>> tainted = new LinkedHashMap<>();
    for (int i = 0; i < replacements.size(); i++) {
      Source source = replacements.get(i).source();
      if (!underData(source.fieldPath()) || !(source.kind().isEmpty() || source.kind().equals("Secret"))) {
        continue;
      }
      List<Map<?, ?>> matching = named(secrets, source.name());
      if (matching.isEmpty() && source.kind().isEmpty()) {
        continue; // a ConfigMap's data, or another kind's
      }
      Map<String, String> values = new LinkedHashMap<>();
      for (Map<?, ?> secret : matching) {
        value(secret, source.fieldPath()).ifPresent(v -> part(v, source.delimiter(), source.index(), values));
      }
      tainted.put(i, values);
    }
    boolean grew = !tainted.isEmpty();
    while (grew) { // a replacement whose source is a field a tainted replacement wrote copies the value on
      grew = false;
      for (int i = 0; i < replacements.size(); i++) {
        if (tainted.containsKey(i)) {
          continue;
        }
        Source source = replacements.get(i).source();
        for (Map.Entry<Integer, Map<String, String>> t : new ArrayList<>(tainted.entrySet())) {
          if (writes(replacements.get(t.getKey()), source)) {
            tainted.merge(i, new LinkedHashMap<>(t.getValue()), (a, b) -> {
              a.putAll(b);
              return a;
            });
            grew = true;
          }
        }
      }
    }
    List<Field> fields = new ArrayList<>();
    tainted.forEach((i, values) -> {
      for (Target target : replacements.get(i).targets()) {
        for (String path : target.fieldPaths()) {
          fields.add(new Field(target.kind(), path, values));
        }
      }
    });
    Set<String> varValues = new LinkedHashSet<>();
    for (Var var : vars) {
      if (var.kind().equals("Secret") && underData(var.fieldPath())) {
        for (Map<?, ?> secret : named(secrets, var.name())) {
          value(secret, var.fieldPath()).ifPresent(v -> {
            varValues.add(v.raw());
            varValues.add(v.clear());
          });
        }
      }
    }
    return new Resolved(fields, varValues);
  }

  /** True when one of {@code r}'s targets is {@code source}'s field (same kind or any, same path). */
  private static boolean writes(Replacement r, Source source) {
    for (Target target : r.targets()) {
      boolean kind = target.kind().isEmpty() || source.kind().isEmpty() || target.kind().equals(source.kind());
      if (kind && target.fieldPaths().contains(source.fieldPath())) {
        return true;
      }
    }
    return false;
  }

  /** A value as copied (base64 for {@code data}) and its clear form. */
  private record Value(String raw, String clear) {}

  private static void part(Value v, String delimiter, int index, Map<String, String> out) {
    if (delimiter.isEmpty()) {
      out.put(v.raw(), v.clear());
      return;
    }
    String[] parts = v.raw().split(java.util.regex.Pattern.quote(delimiter), -1);
    if (index >= 0 && index < parts.length) {
      out.put(parts[index], parts[index]);
    } else {
      out.put(v.raw(), v.clear());
    }
  }

  private static boolean underData(String fieldPath) {
    return fieldPath.equals("data") || fieldPath.startsWith("data.") || fieldPath.equals("stringData")
        || fieldPath.startsWith("stringData.");
  }

  /**
   * The Secrets of the output named {@code name}, or whose name holds it (a name prefix or suffix
   * added above the kustomization that declared the replacement, a generator's hash suffix).
   */
  private static List<Map<?, ?>> named(List<Map<?, ?>> secrets, String name) {
    List<Map<?, ?>> exact = new ArrayList<>();
    List<Map<?, ?>> containing = new ArrayList<>();
    for (Map<?, ?> secret : secrets) {
      String actual = secret.get("metadata") instanceof Map<?, ?> m ? string(m.get("name")) : "";
      if (actual.equals(name)) {
        exact.add(secret);
      } else if (!name.isEmpty() && actual.contains(name)) {
        containing.add(secret);
      }
    }
    return exact.isEmpty() ? containing : exact;
  }

  /** The value at {@code data.key} / {@code stringData.key} (the key as written after the first dot); a whole map as YAML. */
  private static Optional<Value> value(Map<?, ?> secret, String fieldPath) {
    boolean base64 = fieldPath.startsWith("data");
    int dot = fieldPath.indexOf('.');
    Object field = secret.get(base64 ? "data" : "stringData");
    if (!(field instanceof Map<?, ?> values)) {
      return Optional.empty();
    }
    if (dot < 0) {
      return Optional.empty(); // the whole map was copied: its fields are masked whole
    }
    String key = fieldPath.substring(dot + 1).replace("\\.", ".");
    if (key.startsWith("[") && key.endsWith("]")) {
      key = key.substring(1, key.length() - 1);
    }
    Object v = values.get(key);
    if (v == null) {
      return Optional.empty();
    }
    String raw = String.valueOf(v);
    if (!base64) {
      return Optional.of(new Value(raw, raw));
    }
    try {
      return Optional.of(new Value(raw, new String(Base64.getMimeDecoder().decode(raw), StandardCharsets.UTF_8)));
    } catch (IllegalArgumentException notBase64) {
      return Optional.of(new Value(raw, raw));
    }
  }

  private static List<Map<?, ?>> secrets(String output) {
    List<Map<?, ?>> out = new ArrayList<>();
    for (String doc : Manifests.split(output)) {
      if (!doc.contains("Secret")) {
        continue;
      }
      try {
        if (new Load(LoadSettings.builder().build()).loadFromString(doc) instanceof Map<?, ?> object
            && "Secret".equals(object.get("kind"))) {
          out.add(object);
        }
      } catch (RuntimeException notYaml) {
        // masked as a whole by SecretMasker.mask
      }
    }
    return out;
  }

  private static String string(Object value) {
    return value == null ? "" : String.valueOf(value);
  }
}
