package dev.foresight.renderer.flux;

import dev.foresight.renderer.manifest.Manifests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Extracts objects (Flux Kustomizations, any object) from rendered multi-document YAML. */
public final class FluxObjects {

  public static final String API_GROUP = "kustomize.toolkit.fluxcd.io/";

  private FluxObjects() {}

  /**
   * Every {@code kind: Kustomization} with apiVersion {@code kustomize.toolkit.fluxcd.io/*}, in
   * document order ({@code spec.path} absent means the source root, as in Flux).
   *
   * @throws IllegalArgumentException when a document is not valid YAML (names the document number)
   */
  public static List<FluxKustomization> parse(String renderedYaml) {
    List<FluxKustomization> found = new ArrayList<>();
    for (Map<?, ?> object : objects(renderedYaml)) {
      FluxKustomization ks = FluxKustomization.of(object);
      if (ks != null) {
        found.add(ks);
      }
    }
    return found;
  }

  /** Every document that is a YAML mapping, parsed, in order. */
  public static List<Map<?, ?>> objects(String renderedYaml) {
    List<Map<?, ?>> found = new ArrayList<>();
    List<String> docs = Manifests.split(renderedYaml);
    for (int i = 0; i < docs.size(); i++) {
      if (Manifests.isEmpty(docs.get(i))) {
        continue;
      }
      Object parsed;
      try {
        parsed = new Load(LoadSettings.builder().build()).loadFromString(docs.get(i));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("document " + (i + 1) + " of the rendered output is not valid YAML: "
            + e.getMessage(), e);
      }
      if (parsed instanceof Map<?, ?> object) {
        found.add(object);
      }
    }
    return found;
  }
}
