package dev.foresight.kustomize.resource;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/** The resources of a build, in order (kustomize's ResMap). */
public final class ResourceList implements Iterable<Resource> {

  private final List<Resource> resources = new ArrayList<>();

  /** The live, mutable list. */
  public List<Resource> all() {
    return resources;
  }

  public int size() {
    return resources.size();
  }

  /** Appends, refusing a second resource with the same id (kustomize's "already registered id"). */
  public void add(Resource resource) throws dev.foresight.kustomize.KustomizeException {
    for (Resource existing : resources) {
      if (existing.id().equals(resource.id())) {
        throw new dev.foresight.kustomize.KustomizeException("may not add resource with an already registered id: "
            + resource.id() + (resource.origin() == null ? "" : " (from " + resource.origin() + ")"));
      }
    }
    resources.add(resource);
  }

  public void addAll(ResourceList other) throws dev.foresight.kustomize.KustomizeException {
    for (Resource resource : other) {
      add(resource);
    }
  }

  public List<Resource> select(Predicate<Resource> predicate) {
    return resources.stream().filter(predicate).toList();
  }

  /** A deep copy. */
  public ResourceList copy() {
    ResourceList copy = new ResourceList();
    resources.forEach(r -> copy.resources.add(r.copy()));
    return copy;
  }

  @Override
  public Iterator<Resource> iterator() {
    return resources.iterator();
  }
}
