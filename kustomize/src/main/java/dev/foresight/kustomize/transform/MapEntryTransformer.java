package dev.foresight.kustomize.transform;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.resource.Resource;
import dev.foresight.kustomize.resource.ResourceList;
import dev.foresight.kustomize.yaml.Tags;
import java.util.List;
import java.util.Map;

/**
 * kustomize's LabelTransformer/AnnotationsTransformer: sets each pair (in key order) in the map at
 * every field spec, creating the maps where the spec says so.
 */
public final class MapEntryTransformer {

  private final Map<String, String> pairs;
  private final List<FieldSpec> specs;

  public MapEntryTransformer(Map<String, String> pairs, List<FieldSpec> specs) {
    this.pairs = new java.util.TreeMap<>(pairs);
    this.specs = specs;
  }

  public void apply(ResourceList resources) throws KustomizeException {
    if (pairs.isEmpty()) {
      return;
    }
    for (Resource r : resources) {
      for (Map.Entry<String, String> pair : pairs.entrySet()) {
        FieldWalker.applyAll(r.node(), specs, FieldWalker.Kind.MAP, Tags.MAP,
            slot -> FieldWalker.setEntry(slot, pair.getKey(), pair.getValue()));
      }
    }
  }
}
