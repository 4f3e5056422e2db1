package dev.foresight.renderer.flux;

import java.util.Map;
import java.util.Optional;

/**
 * Where {@code spec.postBuild.substituteFrom} ConfigMaps and Secrets are looked up (in a cluster:
 * the API server; offline: the objects rendered in the same profile tree, then the repository's
 * YAML files).
 */
@FunctionalInterface
public interface SubstitutionSources {

  /** An object found, and where (for messages, e.g. {@code rendered by flux-system/infra}). */
  record Found(Map<?, ?> object, String where) {}

  /** The object of {@code kind} named {@code name} in {@code namespace}, if known. */
  Optional<Found> find(String kind, String namespace, String name);

  /** A Secret produced at runtime, and where its producer is rendered (for messages). */
  record Producer(RuntimeProducers.Produced produced, String where) {}

  /**
   * What produces the Secret {@code name} in {@code namespace} at runtime (an ExternalSecret, a
   * SealedSecret...; see {@link RuntimeProducers}) when the Secret itself is not found; none by default.
   */
  default Optional<Producer> producerOf(String namespace, String name) {
    return Optional.empty();
  }

  /** Finds nothing. */
  SubstitutionSources NONE = (kind, namespace, name) -> Optional.empty();
}
