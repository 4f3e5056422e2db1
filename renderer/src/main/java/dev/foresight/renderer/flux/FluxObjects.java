package dev.foresight.renderer.flux;

import dev.foresight.renderer.manifest.Manifests;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Extracts Flux Kustomization objects from rendered multi-document YAML. */
public final class FluxObjects {

  public static final String API_GROUP = "kustomize.toolkit.fluxcd.io/";

  private FluxObjects() {}

  /**
   * Every {@code kind: Kustomization} with apiVersion {@code kustomize.toolkit.fluxcd.io/*} and a
   * {@code spec.path}, in document order.
   *
   * @throws IllegalArgumentException when a document is not valid YAML (names the document number)
   */
  public static List<FluxKustomization> parse(String renderedYaml) {
    List<FluxKustomization> found = new ArrayList<>();
    List<String> docs = Manifests.split(renderedYaml);
    for (int i = 0; i < docs.size(); i++) {
      if (Manifests.isEmpty(docs.get(i))) {
        continue;
      }
      Object parsed;
      try {
        parsed = new Load(LoadSettings.builder().build()).loadFromString(docs.get(i));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("document " + (i + 1) + " of the rendered profile is not valid YAML: "
            + e.getMessage(), e);
      }
      if (parsed instanceof Map<?, ?> object) {
        FluxKustomization ks = toKustomization(object);
        if (ks != null) {
          found.add(ks);
        }
      }
    }
    return found;
  }

  private static FluxKustomization toKustomization(Map<?, ?> object) {
    if (!"Kustomization".equals(object.get("kind"))
        || !(object.get("apiVersion") instanceof String api) || !api.startsWith(API_GROUP)) {
      return null;
    }
    Map<?, ?> metadata = map(object.get("metadata"));
    Map<?, ?> spec = map(object.get("spec"));
    if (!(spec.get("path") instanceof String path)) {
      return null;
    }
    Map<String, String> substitute = new LinkedHashMap<>();
    map(map(spec.get("postBuild")).get("substitute")).forEach(
        (k, v) -> substitute.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    Map<String, Object> rawSpec = new LinkedHashMap<>();
    spec.forEach((k, v) -> rawSpec.put(String.valueOf(k), v));
    return new FluxKustomization(text(metadata.get("name")), text(metadata.get("namespace")), path, substitute, rawSpec);
  }

  private static Map<?, ?> map(Object value) {
    return value instanceof Map<?, ?> m ? m : Map.of();
  }

  private static String text(Object value) {
    return value == null ? "" : String.valueOf(value);
  }
}
