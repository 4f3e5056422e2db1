package dev.foresight.renderer.flux;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code source.extensions.fluxcd.io} ArtifactGenerator (Flux 2.7, source-watcher) as found in
 * rendered output: the ExternalArtifacts it produces, in its own namespace, from the sources it
 * names by alias.
 *
 * @param namespace metadata.namespace, or {@code ""} when absent
 * @param pathPattern spec.pathPattern ({@code ""} when absent): artifact names are then templates
 * @param raw the whole object, as parsed
 */
public record ArtifactGenerator(String name, String namespace, List<SourceRef> sources, String pathPattern,
    List<Artifact> artifacts, Map<?, ?> raw) {

  public static final String API_GROUP = "source.extensions.fluxcd.io/";
  public static final String KIND = "ArtifactGenerator";
  /** The {@code spec.sourceRef.kind} of a Flux Kustomization that reads a generated artifact. */
  public static final String EXTERNAL_ARTIFACT = "ExternalArtifact";

  /** spec.sources[]: namespace defaults to the generator's. */
  public record SourceRef(String alias, String kind, String name, String namespace) {
    public String id() {
      return namespace.isEmpty() ? name : namespace + "/" + name;
    }
  }

  /** spec.artifacts[] (only what the content depends on: name and copy operations). */
  public record Artifact(String name, List<CopyOperation> copy, Map<?, ?> raw) {}

  /** spec.artifacts[].copy[]; strategy {@code ""} when absent (Overwrite). */
  public record CopyOperation(String from, String to, List<String> exclude, String strategy) {}

  public ArtifactGenerator {
    sources = List.copyOf(sources);
    artifacts = List.copyOf(artifacts);
  }

  /** {@code namespace/name}, or the name when there is no namespace. */
  public String id() {
    return namespace.isEmpty() ? name : namespace + "/" + name;
  }

  /** The artifact named {@code name}. */
  public Optional<Artifact> artifact(String name) {
    return artifacts.stream().filter(a -> a.name().equals(name)).findFirst();
  }

  /** The source of {@code alias}. */
  public Optional<SourceRef> source(String alias) {
    return sources.stream().filter(s -> s.alias().equals(alias)).findFirst();
  }

  /** The generator of a parsed object, or null when it is not one. */
  public static ArtifactGenerator of(Map<?, ?> object) {
    if (!KIND.equals(object.get("kind")) || !(object.get("apiVersion") instanceof String api)
        || !api.startsWith(API_GROUP)) {
      return null;
    }
    Map<?, ?> metadata = FluxKustomization.map(object.get("metadata"));
    Map<?, ?> spec = FluxKustomization.map(object.get("spec"));
    String namespace = text(metadata.get("namespace"));
    List<SourceRef> sources = new ArrayList<>();
    for (Map<?, ?> s : PlainYaml.maps(spec.get("sources"))) {
      String ns = text(s.get("namespace"));
      sources.add(new SourceRef(text(s.get("alias")), text(s.get("kind")), text(s.get("name")),
          ns.isEmpty() ? namespace : ns));
    }
    List<Artifact> artifacts = new ArrayList<>();
    for (Map<?, ?> a : PlainYaml.maps(spec.get("artifacts"))) {
      List<CopyOperation> copy = new ArrayList<>();
      for (Map<?, ?> c : PlainYaml.maps(a.get("copy"))) {
        List<String> exclude = new ArrayList<>();
        if (c.get("exclude") instanceof List<?> list) {
          list.forEach(e -> exclude.add(text(e)));
        }
        copy.add(new CopyOperation(text(c.get("from")), text(c.get("to")), List.copyOf(exclude),
            text(c.get("strategy"))));
      }
      artifacts.add(new Artifact(text(a.get("name")), List.copyOf(copy), a));
    }
    return new ArtifactGenerator(text(metadata.get("name")), namespace, sources, text(spec.get("pathPattern")),
        artifacts, object);
  }

  private static String text(Object value) {
    return value == null ? "" : String.valueOf(value);
  }
}
