package dev.foresight.renderer.flux;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code kustomize.toolkit.fluxcd.io} Kustomization object as found in rendered output: the
 * parent's output after its patches and substitution, so this is the spec Flux would apply.
 *
 * @param name metadata.name
 * @param namespace metadata.namespace, or {@code ""} when absent
 * @param path spec.path as written (e.g. {@code ./apps/overlays/staging}); {@code ""} when absent
 *     (Flux: the source root)
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

  /** spec.sourceRef.kind, {@code GitRepository} when absent. */
  public String sourceKind() {
    Object kind = map(spec.get("sourceRef")).get("kind");
    return kind == null ? "GitRepository" : String.valueOf(kind);
  }

  /** spec.sourceRef.name, {@code ""} when absent. */
  public String sourceName() {
    Object name = map(spec.get("sourceRef")).get("name");
    return name == null ? "" : String.valueOf(name);
  }

  /** spec.sourceRef.namespace, else this Kustomization's namespace (as Flux defaults it). */
  public String sourceNamespace() {
    Object ns = map(spec.get("sourceRef")).get("namespace");
    return ns == null || String.valueOf(ns).isEmpty() ? namespace : String.valueOf(ns);
  }

  /** True when spec.postBuild is set: only then does Flux substitute. */
  public boolean hasPostBuild() {
    return spec.get("postBuild") instanceof Map<?, ?>;
  }

  /** spec.postBuild, or an empty map. */
  public Map<?, ?> postBuild() {
    return map(spec.get("postBuild"));
  }

  /** A Flux Kustomization of a parsed object, or null when it is not one. */
  public static FluxKustomization of(Map<?, ?> object) {
    if (!"Kustomization".equals(object.get("kind"))
        || !(object.get("apiVersion") instanceof String api) || !api.startsWith(FluxObjects.API_GROUP)) {
      return null;
    }
    Map<?, ?> metadata = map(object.get("metadata"));
    Map<?, ?> spec = map(object.get("spec"));
    Object path = spec.get("path");
    Map<String, String> substitute = new LinkedHashMap<>();
    map(map(spec.get("postBuild")).get("substitute")).forEach(
        (k, v) -> substitute.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    Map<String, Object> rawSpec = new LinkedHashMap<>();
    spec.forEach((k, v) -> rawSpec.put(String.valueOf(k), v));
    return new FluxKustomization(text(metadata.get("name")), text(metadata.get("namespace")),
        path == null ? "" : String.valueOf(path), substitute, rawSpec);
  }

  static Map<?, ?> map(Object value) {
    return value instanceof Map<?, ?> m ? m : Map.of();
  }

  private static String text(Object value) {
    return value == null ? "" : String.valueOf(value);
  }
}
