package dev.foresight.kustomize.build;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.resource.GeneratorBehavior;
import dev.foresight.kustomize.resource.ResId;
import dev.foresight.kustomize.resource.Resource;
import dev.foresight.kustomize.resource.ResourceList;
import dev.foresight.kustomize.transform.TransformerConfig;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a kustomization has built so far (kustomize's ResAccumulator): resources, the transformer
 * configuration in force and the vars declared below.
 */
final class Accumulator {

  final ResourceList resources = new ResourceList();
  TransformerConfig config;
  /** Vars by name (kustomize's VarSet: sorted by name, a name may be declared once). */
  final Map<String, MapNode> vars = new TreeMap<>();

  Accumulator(TransformerConfig config) {
    this.config = config;
  }

  /** Appends, refusing an id already present (kustomize's Append). */
  void append(Resource resource) throws KustomizeException {
    append(resource, index());
  }

  /**
   * The current ids (ids change as transformers run: build it right before a burst of appends
   * and pass it to {@link #append(Resource, Map)} / {@link #merge(Accumulator, Map)}, which keep it
   * up to date).
   */
  Map<IdKey, Resource> index() {
    Map<IdKey, Resource> index = new java.util.HashMap<>();
    for (Resource r : resources) {
      index.putIfAbsent(IdKey.of(r.id()), r);
    }
    return index;
  }

  void append(Resource resource, Map<IdKey, Resource> index) throws KustomizeException {
    ResId id = resource.id();
    Resource existing = index.putIfAbsent(IdKey.of(id), resource);
    if (existing != null) {
      throw new KustomizeException("may not add resource with an already registered id: " + id
          + " (from " + resource.origin() + "; already added from " + existing.origin() + ")");
    }
    resources.all().add(resource);
  }

  /** What {@link Ids#equal} compares: group, version, kind, name and effective namespace. */
  record IdKey(String group, String version, String kind, String name, String namespace) {
    static IdKey of(ResId id) {
      return new IdKey(id.group(), id.version(), id.kind(), id.name(),
          id.namespace().isEmpty() ? "default" : id.namespace());
    }
  }

  /** A generated resource: appended, or merged into / replacing the one it names (behavior). */
  void absorb(Resource res) throws KustomizeException {
    ResId id = res.id();
    List<Resource> matches = new ArrayList<>();
    for (Resource r : resources) {
      if (Ids.all(r).stream().anyMatch(other -> Ids.equal(other, id))) {
        matches.add(r);
      }
    }
    if (matches.isEmpty()) {
      if (res.behavior() == GeneratorBehavior.MERGE || res.behavior() == GeneratorBehavior.REPLACE) {
        throw new KustomizeException("id " + id + " does not exist; cannot merge or replace (" + res.origin()
            + ": behavior '" + res.behavior().name().toLowerCase() + "' needs a " + id.kind() + " '" + id.name()
            + "' from the resources; use behavior 'create' or drop it)");
      }
      append(res);
      return;
    }
    if (matches.size() > 1) {
      throw new KustomizeException("found multiple objects " + matches + " that could accept merge of " + id);
    }
    Resource old = matches.get(0);
    switch (res.behavior()) {
      case REPLACE -> copyMergeMetadata(res, old);
      case MERGE -> {
        // the merged resource keeps the origin of the one it merges into
        String oldOrigin = Origin.annotation(old, Origin.ORIGIN_ANNOTATION);
        copyMergeMetadata(res, old);
        if (oldOrigin != null) {
          res.metadata().getOrCreateMap("annotations").put(Origin.ORIGIN_ANNOTATION, ScalarNode.string(oldOrigin));
        }
        mergeMap(res.node(), old.node(), "data");
        mergeMap(res.node(), old.node(), "binaryData");
      }
      default -> throw new KustomizeException("id " + id + " exists; behavior must be merge or replace ("
          + res.origin() + ": a generator makes a " + id.kind() + " '" + id.name()
          + "' that the resources already hold)");
    }
    res.origin(old.origin());
    int index = resources.all().indexOf(old);
    resources.all().set(index, res);
  }

  private static void copyMergeMetadata(Resource res, Resource old) {
    setStringMap(res, "labels", merged(old.stringMap("labels"), res.stringMap("labels")));
    setStringMap(res, "annotations", merged(old.stringMap("annotations"), res.stringMap("annotations")));
    res.metadata().put("name", old.name());
    if (old.namespace().isEmpty()) {
      res.metadata().remove("namespace");
    } else {
      res.metadata().put("namespace", old.namespace());
    }
    res.previousIds().clear();
    res.previousIds().addAll(old.previousIds());
    // build annotations come from the old resource; the hash flag survives only when both have it
    res.needsHashSuffix(res.needsHashSuffix() && old.needsHashSuffix());
  }

  private static Map<String, String> merged(Map<String, String> first, Map<String, String> second) {
    Map<String, String> out = new TreeMap<>(first);
    out.putAll(second);
    return out;
  }

  private static void setStringMap(Resource res, String field, Map<String, String> values) {
    res.metadata().remove(field);
    if (!values.isEmpty()) {
      MapNode map = res.metadata().getOrCreateMap(field);
      values.forEach(map::put);
    }
  }

  /** Old's entries under {@code field} merged under new's, sorted, the field moved last (kyaml). */
  private static void mergeMap(MapNode res, MapNode old, String field) {
    Map<String, Node> merged = new TreeMap<>();
    for (MapNode m : new MapNode[] {old.getMap(field), res.getMap(field)}) {
      if (m != null) {
        for (MapNode.Entry e : m.entries()) {
          String value = e.value() instanceof ScalarNode s ? s.value() : "";
          merged.put(e.key().value(), Generators.valueNode(value));
        }
      }
    }
    res.remove(field);
    if (!merged.isEmpty()) {
      MapNode map = res.getOrCreateMap(field);
      merged.forEach(map::put);
    }
  }

  /** A child kustomization's accumulator appended to this one. */
  void merge(Accumulator other) throws KustomizeException {
    merge(other, index());
  }

  /** As {@link #merge(Accumulator)}, with the current {@link #index()}. */
  void merge(Accumulator other, Map<IdKey, Resource> index) throws KustomizeException {
    for (Resource r : other.resources) {
      append(r, index);
    }
    config = config.merge(other.config);
    for (Map.Entry<String, MapNode> v : other.vars.entrySet()) {
      addVar(v.getKey(), v.getValue());
    }
  }

  void addVar(String name, MapNode var) throws KustomizeException {
    if (vars.containsKey(name)) {
      throw new KustomizeException("var '" + name + "' already encountered");
    }
    vars.put(name, var);
  }
}
