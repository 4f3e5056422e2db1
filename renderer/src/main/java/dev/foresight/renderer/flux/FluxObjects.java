package dev.foresight.renderer.flux;

import dev.foresight.kustomize.FileTree;
import dev.foresight.renderer.manifest.Manifests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Extracts objects (Flux Kustomizations, any object) from rendered multi-document YAML. */
public final class FluxObjects {

  public static final String API_GROUP = "kustomize.toolkit.fluxcd.io/";

  /** A top-level {@code kind:} line of the kinds the Flux layer reads from rendered output. */
  private static final Pattern FLUX_KIND =
      Pattern.compile("(?m)^kind:[ \\t]*[\"']?(Kustomization|ConfigMap|Secret|ArtifactGenerator|GitRepository|"
          + String.join("|", RuntimeProducers.KINDS) + ")[\"']?[ \\t]*$");

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
    return objects(renderedYaml, null);
  }

  /**
   * The documents the Flux layer reads — Kustomizations (children), ConfigMaps and Secrets
   * (substitution sources), the objects that produce Secrets at runtime ({@link RuntimeProducers}),
   * ArtifactGenerators (ExternalArtifact sources),
   * GitRepositories (their {@code spec.ignore}) — parsed, in order. Other documents are parsed only to check they are
   * still YAML where they differ from {@code engineOutput}'s document at the same position (post-build
   * substitution can break YAML; the engine's own output is YAML); null checks every document.
   *
   * @throws IllegalArgumentException when a checked document is not valid YAML (names the document number)
   */
  public static List<Map<?, ?>> objects(String renderedYaml, String engineOutput) {
    List<Map<?, ?>> found = new ArrayList<>();
    List<String> docs = Manifests.split(renderedYaml);
    List<String> before = engineOutput == null ? null : Manifests.split(engineOutput);
    boolean aligned = before != null && before.size() == docs.size();
    for (int i = 0; i < docs.size(); i++) {
      String doc = docs.get(i);
      boolean wanted = FLUX_KIND.matcher(doc).find();
      boolean unchanged = aligned && doc.equals(before.get(i));
      if (Manifests.isEmpty(doc) || (!wanted && unchanged)) {
        continue;
      }
      Object parsed;
      try {
        parsed = new Load(LoadSettings.builder().build()).loadFromString(doc);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("document " + (i + 1) + " of the rendered output is not valid YAML: "
            + e.getMessage(), e);
      }
      if (parsed instanceof Map<?, ?> object && (wanted || engineOutput == null)) {
        found.add(object);
      }
    }
    return found;
  }

  /**
   * The objects of one repository file when its text matches {@code prefilter} (a cheap test before
   * parsing); empty when it does not, when the file is absent, or when it is not YAML (a scan of the
   * whole repository skips such files: the build that uses one reports it).
   */
  public static List<Map<?, ?>> objectsOfFile(FileTree tree, String path, Pattern prefilter) throws IOException {
    String text = new String(tree.read(path).orElse(new byte[0]), StandardCharsets.UTF_8);
    if (!prefilter.matcher(text).find()) {
      return List.of();
    }
    try {
      return objects(text);
    } catch (IllegalArgumentException notYaml) {
      return List.of();
    }
  }
}
