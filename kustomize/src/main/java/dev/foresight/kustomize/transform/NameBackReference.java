package dev.foresight.kustomize.transform;

import java.util.List;

/**
 * One {@code nameReference} entry: objects of {@code target}'s kind are referred to by name from
 * the fields {@code referrers} list (kustomize's NameBackReferences).
 */
public record NameBackReference(Gvk target, List<FieldSpec> referrers) {

  public NameBackReference {
    referrers = List.copyOf(referrers);
  }
}
