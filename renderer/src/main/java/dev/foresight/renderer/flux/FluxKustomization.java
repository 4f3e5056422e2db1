package dev.foresight.renderer.flux;

import java.util.Map;

/**
 * A {@code kustomize.toolkit.fluxcd.io} Kustomization object as found in a profile's output.
 *
 * @param name metadata.name
 * @param namespace metadata.namespace, or {@code ""} when absent
 * @param path spec.path as written (e.g. {@code ./apps/overlays/staging})
 * @param substitute spec.postBuild.substitute, values as strings
 * @param spec the whole spec, as parsed
 */
public record FluxKustomization(
    String name, String namespace, String path, Map<String, String> substitute, Map<String, Object> spec) {

  public FluxKustomization {
    substitute = Map.copyOf(substitute);
    spec = spec == null ? Map.of() : spec;
  }

  /** {@code namespace/name}, or just the name when there is no namespace. */
  public String id() {
    return namespace.isEmpty() ? name : namespace + "/" + name;
  }
}
