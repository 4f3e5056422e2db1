package dev.foresight.kustomize.transform;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.resource.ResId;
import dev.foresight.kustomize.resource.Resource;
import dev.foresight.kustomize.resource.ResourceList;
import dev.foresight.kustomize.yaml.Tags;
import java.util.ArrayList;
import java.util.List;

/** kustomize's ReplicaCountTransformer: one {@code replicas} entry (name + count). */
public final class ReplicaTransformer {

  private final String name;
  private final long count;
  private final List<FieldSpec> specs;

  public ReplicaTransformer(String name, long count, List<FieldSpec> specs) {
    this.name = name;
    this.count = count;
    this.specs = specs;
  }

  public void apply(ResourceList resources) throws KustomizeException {
    boolean found = false;
    // only resources that have (or had) the name can match: find them once, not once per spec
    List<Resource> named = new ArrayList<>();
    for (Resource r : resources) {
      if (r.name().equals(name) || r.previousIds().stream().anyMatch(id -> id.name().equals(name))) {
        named.add(r);
      }
    }
    for (FieldSpec fs : specs) {
      List<Resource> matched = new ArrayList<>();
      for (Resource r : named) {
        if (anyIdMatches(r, fs)) {
          matched.add(r);
        }
      }
      if (!matched.isEmpty()) {
        found = true;
        for (Resource r : matched) {
          FieldWalker.apply(r.node(), fs, FieldWalker.Kind.SCALAR, Tags.INT,
              slot -> FieldWalker.setScalar(slot, Long.toString(count), Tags.INT));
        }
      }
    }
    if (!found) {
      List<String> gvks = specs.stream().map(fs -> fs.gvk().toString()).toList();
      throw new KustomizeException("resource with name " + name
          + " does not match a config with the following GVK " + gvks.toString().replace(",", ""));
    }
  }

  private boolean anyIdMatches(Resource r, FieldSpec fs) {
    if (r.name().equals(name) && matches(r.id(), fs)) {
      return true;
    }
    for (ResId id : r.previousIds()) {
      if (matches(id, fs)) {
        return true;
      }
    }
    return false;
  }

  private boolean matches(ResId id, FieldSpec fs) {
    return id.name().equals(name) && Gvk.of(id).isSelectedBy(fs.gvk());
  }
}
