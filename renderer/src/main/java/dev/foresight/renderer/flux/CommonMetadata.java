package dev.foresight.renderer.flux;

import dev.foresight.renderer.manifest.Manifests;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code spec.commonMetadata} as kustomize-controller applies it after substitution
 * (fluxcd/pkg {@code ssa/utils.SetCommonMetadata}): every object's {@code metadata.labels} and
 * {@code metadata.annotations} get the given keys, overriding existing values; nothing else
 * (no selectors, no templates). Changed documents are re-emitted in block style with label and
 * annotation keys sorted (as the API server returns them); others are kept byte for byte.
 */
public final class CommonMetadata {

  private CommonMetadata() {}

  public static String apply(String yaml, FluxKustomization ks) {
    Map<?, ?> common = FluxYaml.map(ks.spec().get("commonMetadata"));
    Map<?, ?> labels = FluxYaml.map(common.get("labels"));
    Map<?, ?> annotations = FluxYaml.map(common.get("annotations"));
    if (labels.isEmpty() && annotations.isEmpty()) {
      return yaml;
    }
    List<String> docs = new ArrayList<>();
    for (String doc : Manifests.split(yaml)) {
      if (Manifests.isEmpty(doc) || !(FluxYaml.load(doc) instanceof Map<?, ?> object)) {
        docs.add(doc);
        continue;
      }
      Map<Object, Object> out = new LinkedHashMap<>(object);
      Map<Object, Object> metadata = new LinkedHashMap<>(FluxYaml.map(object.get("metadata")));
      merge(metadata, "labels", labels);
      merge(metadata, "annotations", annotations);
      out.put("metadata", metadata);
      docs.add(FluxYaml.dump(out));
    }
    return Manifests.join(docs);
  }

  private static void merge(Map<Object, Object> metadata, String field, Map<?, ?> common) {
    if (common.isEmpty()) {
      return;
    }
    TreeMap<String, Object> merged = new TreeMap<>();
    FluxYaml.map(metadata.get(field)).forEach((k, v) -> merged.put(String.valueOf(k), v));
    common.forEach((k, v) -> merged.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    metadata.put(field, new LinkedHashMap<>(merged));
  }
}
