package dev.foresight.kustomize.transform;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.SeqNode;
import dev.foresight.kustomize.yaml.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code crds:} field (kustomize's LoadConfigFromCRDs): a file maps type names to
 * {@code {Schema: <OpenAPI schema>, Dependencies: [...]}}. Every type whose properties include
 * {@code kind}, {@code apiVersion} and {@code metadata} is walked (following {@code $ref} to other
 * entries of the file) for property extensions: {@code x-kubernetes-annotation} (a
 * commonAnnotations field spec), {@code x-kubernetes-label-selector} (commonLabels),
 * {@code x-kubernetes-identity} (namePrefix) and {@code x-kubernetes-object-ref-api-version} with
 * {@code x-kubernetes-object-ref-kind} (a name reference to that version/kind at
 * {@code <property>/<x-kubernetes-object-ref-name-key, default name>}). Field specs select the kind
 * only: the text after the type name's last dot.
 */
final class CrdConfig {

  private static final String ANNOTATION = "x-kubernetes-annotation";
  private static final String LABEL_SELECTOR = "x-kubernetes-label-selector";
  private static final String IDENTITY = "x-kubernetes-identity";
  private static final String REF_VERSION = "x-kubernetes-object-ref-api-version";
  private static final String REF_KIND = "x-kubernetes-object-ref-kind";
  private static final String REF_NAME_KEY = "x-kubernetes-object-ref-name-key";

  private final MapNode types;
  private final String file;
  private final SeqNode annotations = new SeqNode();
  private final SeqNode labels = new SeqNode();
  private final SeqNode prefixes = new SeqNode();
  private final SeqNode nameReferences = new SeqNode();

  private CrdConfig(MapNode types, String file) {
    this.types = types;
    this.file = file;
  }

  static TransformerConfig fromCrds(List<Node> documents, String file) throws KustomizeException {
    if (documents == null || documents.isEmpty()) {
      return TransformerConfig.empty();
    }
    Node document = documents.get(0);
    if (document instanceof ScalarNode s && s.isNull()) {
      return TransformerConfig.empty();
    }
    if (!(document instanceof MapNode types)) {
      throw KustomizeException.at(file, "crds", document.line(), "unable to parse open API definition from '"
          + file + "': expected a map of type names to {Schema: ..., Dependencies: [...]}");
    }
    TransformerConfig result = TransformerConfig.empty();
    for (MapNode.Entry entry : types.entries()) {
      String name = entry.key().value();
      MapNode properties = properties(types, name);
      if (properties == null || !properties.has("kind") || !properties.has("apiVersion")
          || !properties.has("metadata")) {
        continue;
      }
      CrdConfig one = new CrdConfig(types, file);
      one.load(kindOf(name), name, new ArrayList<>(), new ArrayList<>());
      result = result.mergeChecked(one.config());
    }
    return result;
  }

  /** kustomize's makeGvkFromTypeName: the kind is what follows the last dot. */
  static String kindOf(String typeName) {
    return typeName.substring(typeName.lastIndexOf('.') + 1);
  }

  private void load(String kind, String typeName, List<String> path, List<String> visiting)
      throws KustomizeException {
    MapNode properties = properties(types, typeName);
    if (properties == null || visiting.contains(typeName)) {
      return;
    }
    visiting.add(typeName);
    for (MapNode.Entry e : properties.entries()) {
      if (!(e.value() instanceof MapNode property)) {
        continue;
      }
      List<String> here = new ArrayList<>(path);
      here.add(e.key().value());
      if (extension(property, ANNOTATION) != null) {
        annotations.add(spec(kind, String.join("/", here)));
      }
      if (extension(property, LABEL_SELECTOR) != null) {
        labels.add(spec(kind, String.join("/", here)));
      }
      if (extension(property, IDENTITY) != null) {
        prefixes.add(spec(kind, String.join("/", here)));
      }
      String version = extension(property, REF_VERSION);
      String refKind = extension(property, REF_KIND);
      if (version != null && refKind != null) {
        String nameKey = extension(property, REF_NAME_KEY);
        MapNode ref = new MapNode();
        ref.put("kind", ScalarNode.string(refKind));
        ref.put("version", ScalarNode.string(version));
        SeqNode fieldSpecs = new SeqNode();
        fieldSpecs.add(spec(kind, String.join("/", here) + "/" + (nameKey == null ? "name" : nameKey)));
        ref.put("fieldSpecs", fieldSpecs);
        nameReferences.add(ref);
      }
      if (property.get("$ref") instanceof ScalarNode r && !r.isNull() && !r.value().isEmpty()) {
        load(kind, r.value(), here, visiting);
      }
    }
    visiting.remove(visiting.size() - 1);
  }

  private TransformerConfig config() throws KustomizeException {
    MapNode doc = new MapNode();
    putIfAny(doc, TransformerConfig.Category.COMMON_ANNOTATIONS.key(), annotations);
    putIfAny(doc, TransformerConfig.Category.COMMON_LABELS.key(), labels);
    putIfAny(doc, TransformerConfig.Category.NAME_PREFIX.key(), prefixes);
    putIfAny(doc, "nameReference", nameReferences);
    return TransformerConfig.parse(doc, file);
  }

  private static void putIfAny(MapNode doc, String key, SeqNode specs) {
    if (!specs.items().isEmpty()) {
      doc.put(key, specs);
    }
  }

  private static MapNode spec(String kind, String path) {
    MapNode spec = new MapNode();
    spec.put("kind", ScalarNode.string(kind));
    spec.put("path", ScalarNode.string(path));
    return spec;
  }

  /** The properties of a type's schema (Go's JSON decoding matches the Schema key case-insensitively). */
  private static MapNode properties(MapNode types, String typeName) {
    if (!(types.get(typeName) instanceof MapNode definition)) {
      return null;
    }
    for (MapNode.Entry e : definition.entries()) {
      if (e.key().value().equalsIgnoreCase("schema") && e.value() instanceof MapNode schema) {
        return schema.getMap("properties");
      }
    }
    return null;
  }

  /** A string extension (go-openapi lower-cases extension keys); null when absent or not a string. */
  private static String extension(MapNode property, String key) {
    for (MapNode.Entry e : property.entries()) {
      if (e.key().value().toLowerCase(Locale.ROOT).equals(key) && e.value() instanceof ScalarNode s && !s.isNull()
          && isString(s)) {
        return s.value();
      }
    }
    return null;
  }

  private static boolean isString(ScalarNode s) {
    return s.tag() == null || Tags.STR.equals(s.tag());
  }
}
