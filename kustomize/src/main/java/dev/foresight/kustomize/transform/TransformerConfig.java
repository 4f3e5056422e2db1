package dev.foresight.kustomize.transform;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.UnsupportedFeature;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.SeqNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Field specs per transformer (kustomize's TransformerConfig): where names, namespaces, labels,
 * annotations, images, replicas, name references and var references live in each kind. Immutable.
 */
public final class TransformerConfig {

  /** The field-spec lists of a config, by their key in a {@code configurations:} file. */
  public enum Category {
    NAME_PREFIX("namePrefix"), NAME_SUFFIX("nameSuffix"), NAMESPACE("namespace"), COMMON_LABELS("commonLabels"),
    LABELS("labels"), TEMPLATE_LABELS("templateLabels"), COMMON_ANNOTATIONS("commonAnnotations"),
    VAR_REFERENCE("varReference"), IMAGES("images"), REPLICAS("replicas");

    private final String key;

    Category(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  private static final String NAME_REFERENCE = "nameReference";
  private static final Comparator<FieldSpec> BY_GVK = (a, b) -> a.gvk().compareForSort(b.gvk());
  private static volatile TransformerConfig builtin;

  private final Map<Category, List<FieldSpec>> specs;
  private final List<NameBackReference> nameReference;
  /**
   * {@code empty().merge(this)}, memoised: every kustomization starts from an empty config and
   * merges the builtin one, so all targets of a build (and of every build) share one instance,
   * which makes the later merges of their configs identity short-cuts.
   */
  private volatile TransformerConfig mergedIntoEmpty;

  private TransformerConfig(Map<Category, List<FieldSpec>> specs, List<NameBackReference> nameReference) {
    EnumMap<Category, List<FieldSpec>> copy = new EnumMap<>(Category.class);
    for (Category c : Category.values()) {
      copy.put(c, List.copyOf(specs.getOrDefault(c, List.of())));
    }
    this.specs = copy;
    this.nameReference = List.copyOf(nameReference);
  }

  /** An empty config. */
  public static TransformerConfig empty() {
    return new TransformerConfig(Map.of(), List.of());
  }

  /** kustomize's builtin configuration (api/konfig/builtinpluginconsts). */
  public static TransformerConfig builtin() {
    TransformerConfig b = builtin;
    if (b == null) {
      try (InputStream in = TransformerConfig.class.getResourceAsStream("builtin-fieldspecs.yaml")) {
        if (in == null) {
          throw new IllegalStateException("builtin-fieldspecs.yaml missing from the classpath");
        }
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        b = parse(PlainNodes.parse(text), "builtin-fieldspecs.yaml");
      } catch (IOException | KustomizeException e) {
        throw new IllegalStateException("cannot load the builtin field specs: " + e.getMessage(), e);
      }
      builtin = b;
    }
    return b;
  }

  /** A {@code configurations:} file (unknown keys are errors, as kustomize's strict unmarshal). */
  public static TransformerConfig parse(Node document, String file) throws KustomizeException {
    if (document == null || document instanceof ScalarNode s && s.isNull()) {
      return empty();
    }
    if (!(document instanceof MapNode map)) {
      throw KustomizeException.at(file, null, document.line(),
          "a transformer configuration must be a mapping of namePrefix, namespace, commonLabels, ...");
    }
    Map<Category, List<FieldSpec>> specs = new EnumMap<>(Category.class);
    List<NameBackReference> refs = new ArrayList<>();
    for (MapNode.Entry entry : map.entries()) {
      String key = entry.key().value();
      if (key.equals(NAME_REFERENCE)) {
        refs.addAll(parseNameReferences(entry.value(), file));
        continue;
      }
      Category category = category(key);
      if (category == null) {
        throw KustomizeException.at(file, key, entry.key().line(), "unknown field \"" + key
            + "\" in a transformer configuration (known: namePrefix, nameSuffix, namespace, commonLabels, "
            + "labels, templateLabels, commonAnnotations, nameReference, varReference, images, replicas)");
      }
      specs.put(category, FieldSpec.parseList(entry.value(), file, key));
    }
    return new TransformerConfig(sorted(specs), sortedRefs(refs));
  }

  private static List<NameBackReference> parseNameReferences(Node node, String file) throws KustomizeException {
    List<NameBackReference> out = new ArrayList<>();
    if (node == null || node instanceof ScalarNode s && s.isNull()) {
      return out;
    }
    if (!(node instanceof SeqNode seq)) {
      throw KustomizeException.at(file, NAME_REFERENCE, node.line(), "expected a list");
    }
    Set<String> allowed = Set.of("group", "version", "kind", "fieldSpecs");
    for (Node item : seq.items()) {
      if (!(item instanceof MapNode m)) {
        throw KustomizeException.at(file, NAME_REFERENCE, item.line(),
            "each entry needs kind (group, version) and fieldSpecs");
      }
      for (String key : m.keys()) {
        if (!allowed.contains(key)) {
          throw KustomizeException.at(file, NAME_REFERENCE, m.line(), "unknown field \"" + key
              + "\" (allowed: group, version, kind, fieldSpecs)");
        }
      }
      Gvk gvk = new Gvk(m.getString("group"), m.getString("version"), m.getString("kind"));
      out.add(new NameBackReference(gvk, FieldSpec.parseList(m.get("fieldSpecs"), file, NAME_REFERENCE)));
    }
    return out;
  }

  private static Category category(String key) {
    for (Category c : Category.values()) {
      if (c.key.equals(key)) {
        return c;
      }
    }
    return null;
  }

  /**
   * Field specs from {@code crds:} documents (kustomize reads OpenAPI definitions with
   * x-kubernetes-* extensions there; see {@link CrdConfig}).
   */
  public static TransformerConfig fromCrds(List<Node> documents, String file) throws KustomizeException {
    return CrdConfig.fromCrds(documents, file);
  }

  /** This config plus {@code other}'s field specs (kustomize's merge: union, no duplicates). */
  public TransformerConfig merge(TransformerConfig other) {
    try {
      return mergeChecked(other);
    } catch (KustomizeException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** As {@link #merge}, with kustomize's error for a spec present in both with different {@code create}. */
  public TransformerConfig mergeChecked(TransformerConfig other) throws KustomizeException {
    if (other == null || other == this || other.isEmpty() || other.mergedIntoEmpty == this) {
      // nothing to add (this config's lists are sorted already: merging nothing keeps it), or
      // this is empty().merge(other) and merging other again adds nothing
      return this;
    }
    if (isEmpty()) {
      TransformerConfig memo = other.mergedIntoEmpty;
      if (memo == null) {
        memo = mergeSlow(other);
        memo.mergedIntoEmpty = memo;
        other.mergedIntoEmpty = memo;
      }
      return memo;
    }
    return mergeSlow(other);
  }

  private boolean isEmpty() {
    if (!nameReference.isEmpty()) {
      return false;
    }
    for (List<FieldSpec> list : specs.values()) {
      if (!list.isEmpty()) {
        return false;
      }
    }
    return true;
  }

  private TransformerConfig mergeSlow(TransformerConfig other) throws KustomizeException {
    if (specs.equals(other.specs) && nameReference.equals(other.nameReference)) {
      // merging a config with an equal one yields an equal config (every incoming spec is already
      // there, lists stay sorted): the common case of every base carrying the builtin config
      return this;
    }
    Map<Category, List<FieldSpec>> merged = new EnumMap<>(Category.class);
    for (Category c : Category.values()) {
      try {
        merged.put(c, mergeAll(specs.get(c), other.specs.get(c)));
      } catch (KustomizeException e) {
        throw new KustomizeException("failed to merge " + c.key + " fieldSpec: " + e.getMessage());
      }
    }
    List<NameBackReference> refs = new ArrayList<>(nameReference);
    for (NameBackReference incoming : other.nameReference) {
      boolean found = false;
      for (int i = 0; i < refs.size(); i++) {
        if (refs.get(i).target().equals(incoming.target())) {
          refs.set(i, new NameBackReference(incoming.target(),
              mergeAll(refs.get(i).referrers(), incoming.referrers())));
          found = true;
        }
      }
      if (!found) {
        refs.add(incoming);
      }
    }
    return new TransformerConfig(sorted(merged), sortedRefs(refs));
  }

  /** kustomize's FsSlice.MergeAll. */
  static List<FieldSpec> mergeAll(List<FieldSpec> base, List<FieldSpec> incoming) throws KustomizeException {
    List<FieldSpec> out = new ArrayList<>(base);
    for (FieldSpec fs : incoming) {
      out = mergeOne(out, fs);
    }
    return out;
  }

  static List<FieldSpec> mergeOne(List<FieldSpec> base, FieldSpec fs) throws KustomizeException {
    for (FieldSpec existing : base) {
      if (existing.effectivelyEquals(fs)) {
        if (existing.create() != fs.create()) {
          throw new KustomizeException("conflicting fieldspecs");
        }
        return base;
      }
    }
    List<FieldSpec> out = new ArrayList<>(base);
    out.add(fs);
    return out;
  }

  private static Map<Category, List<FieldSpec>> sorted(Map<Category, List<FieldSpec>> specs) {
    Map<Category, List<FieldSpec>> out = new EnumMap<>(Category.class);
    specs.forEach((c, list) -> {
      List<FieldSpec> copy = new ArrayList<>(list);
      copy.sort(BY_GVK);
      out.put(c, copy);
    });
    return out;
  }

  private static List<NameBackReference> sortedRefs(List<NameBackReference> refs) {
    List<NameBackReference> copy = new ArrayList<>(refs);
    copy.sort((a, b) -> a.target().compareForSort(b.target()));
    return copy;
  }

  public List<FieldSpec> get(Category category) {
    return specs.get(category);
  }

  public List<FieldSpec> namePrefix() {
    return get(Category.NAME_PREFIX);
  }

  public List<FieldSpec> nameSuffix() {
    return get(Category.NAME_SUFFIX);
  }

  public List<FieldSpec> namespace() {
    return get(Category.NAMESPACE);
  }

  public List<FieldSpec> commonLabels() {
    return get(Category.COMMON_LABELS);
  }

  public List<FieldSpec> labels() {
    return get(Category.LABELS);
  }

  public List<FieldSpec> templateLabels() {
    return get(Category.TEMPLATE_LABELS);
  }

  public List<FieldSpec> commonAnnotations() {
    return get(Category.COMMON_ANNOTATIONS);
  }

  public List<FieldSpec> varReference() {
    return get(Category.VAR_REFERENCE);
  }

  public List<FieldSpec> images() {
    return get(Category.IMAGES);
  }

  public List<FieldSpec> replicas() {
    return get(Category.REPLICAS);
  }

  public List<NameBackReference> nameReference() {
    return nameReference;
  }
}
