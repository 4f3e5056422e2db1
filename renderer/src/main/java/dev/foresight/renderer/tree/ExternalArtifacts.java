package dev.foresight.renderer.tree;

import dev.foresight.kustomize.FileTree;
import dev.foresight.renderer.flux.ArtifactCopy;
import dev.foresight.renderer.flux.ArtifactGenerator;
import dev.foresight.renderer.flux.FluxKustomization;
import dev.foresight.renderer.tree.ProfileTreeWalker.Source;
import dev.foresight.renderer.tree.ProfileTreeWalker.SourceResolver;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The source of a Flux Kustomization whose {@code spec.sourceRef.kind} is {@code ExternalArtifact}:
 * the artifact an ArtifactGenerator of the same profile builds, materialised from its copy rules
 * ({@link ArtifactCopy}) over the trees of its GitRepository sources (resolved like a Flux
 * Kustomization's GitRepository: this repository, or another one configured in foresight.yaml).
 *
 * <p>The generator is looked up among the objects rendered in the profile tree, as the cluster
 * would hold them: the outputs of the Kustomization's ancestors (nearest first), the profile entry,
 * then the Flux Kustomizations rendered before it; in the artifact's namespace (the sourceRef's,
 * default the Kustomization's), one without namespace as a fallback. Not in the repository's
 * files: a repository usually holds one generator of the same name per cluster (e.g.
 * {@code clusters/staging/artifacts.yaml} and {@code clusters/production/artifacts.yaml}), and only
 * the profile's own is the cluster's.
 */
final class ExternalArtifacts {

  /** Objects rendered somewhere in the profile tree, and where (for messages). */
  record Scope(String where, List<Map<?, ?>> objects) {}

  private ExternalArtifacts() {}

  static Source resolve(FluxKustomization ks, List<Scope> scopes, SourceResolver sources) {
    String namespace = ks.sourceNamespace();
    String name = ks.sourceName();
    String artifactId = ArtifactGenerator.EXTERNAL_ARTIFACT + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
    ArtifactGenerator generator = null;
    ArtifactGenerator loose = null;
    ArtifactGenerator templated = null;
    for (Scope scope : scopes) {
      for (Map<?, ?> object : scope.objects()) {
        ArtifactGenerator candidate = ArtifactGenerator.of(object);
        if (candidate == null) {
          continue;
        }
        boolean sameNamespace = candidate.namespace().equals(namespace);
        if (!sameNamespace && !candidate.namespace().isEmpty()) {
          continue;
        }
        if (candidate.artifact(name).isEmpty()) {
          if (!candidate.pathPattern().isEmpty() && templated == null) {
            templated = candidate;
          }
          continue;
        }
        if (sameNamespace) {
          generator = candidate;
          break;
        }
        if (loose == null) {
          loose = candidate;
        }
      }
      if (generator != null) {
        break;
      }
    }
    if (generator == null) {
      generator = loose;
    }
    if (generator == null) {
      if (templated != null) {
        return Source.notRendered("not rendered: " + artifactId + " may come from ArtifactGenerator "
            + templated.id() + ", whose artifacts are named from spec.pathPattern directories; generators with"
            + " pathPattern are not supported offline");
      }
      return Source.notRendered("not rendered: " + artifactId + " cannot be read offline: no ArtifactGenerator"
          + " with an artifact named '" + name + "' in namespace " + (namespace.isEmpty() ? "(none)" : namespace)
          + " is rendered in this profile (looked in the outputs of its parent Flux Kustomizations, the profile"
          + " entry and the Flux Kustomizations rendered before it)");
    }
    return build(ks, generator, name, artifactId, sources);
  }

  private static Source build(FluxKustomization ks, ArtifactGenerator generator, String name, String artifactId,
      SourceResolver sources) {
    String label = artifactId + " of ArtifactGenerator " + generator.id();
    if (!generator.pathPattern().isEmpty()) {
      return Source.notRendered("not rendered: " + label + ": spec.pathPattern (artifacts per discovered"
          + " directory) is not supported offline");
    }
    ArtifactGenerator.Artifact artifact = generator.artifact(name).orElseThrow();
    Map<String, FileTree> trees = new LinkedHashMap<>();
    Map<String, String> descriptions = new LinkedHashMap<>();
    for (String alias : ArtifactCopy.aliases(artifact.copy())) {
      ArtifactGenerator.SourceRef ref = generator.source(alias).orElse(null);
      if (ref == null) {
        continue; // the copy fails naming the alias
      }
      if (!ref.kind().equals("GitRepository")) {
        return Source.notRendered("not rendered: " + label + ": source @" + alias + " is " + ref.kind() + " "
            + ref.id() + ", which cannot be read offline (only GitRepository sources are)");
      }
      Source source = sources.resolve(gitRepository(generator, ref));
      if (source.error() != null) {
        return Source.failed(label + ", source @" + alias + ": " + source.error());
      }
      if (source.warning() != null) {
        return Source.notRendered(source.warning().replaceFirst("^not rendered: ", "not rendered: " + label
            + ", source @" + alias + ": "));
      }
      trees.put(alias, source.tree());
      descriptions.put(alias, source.description());
    }
    StringBuilder from = new StringBuilder();
    descriptions.forEach((alias, description) -> from.append(from.length() == 0 ? "" : ", ").append('@')
        .append(alias).append(" = ").append(description));
    String description = label + " (" + from + ")";
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("generator", generator.id());
    spec.put("sources", generator.sources().stream().filter(s -> trees.containsKey(s.alias())).map(Object::toString)
        .toList());
    spec.put("artifact", artifact.raw());
    try {
      return Source.of(ArtifactCopy.build(description, artifact.copy(), trees, descriptions, spec), description);
    } catch (ArtifactCopy.Problem e) {
      return e.unsupported() ? Source.notRendered("not rendered: " + label + ": " + e.getMessage())
          : Source.failed(label + " cannot be built (Flux fails too): " + e.getMessage() + "; fix spec.artifacts of"
              + " ArtifactGenerator " + generator.id());
    } catch (IOException e) {
      return Source.failed(label + " cannot be read: " + e.getMessage());
    }
  }

  /** A stand-in Flux Kustomization in the generator's namespace, to resolve one GitRepository source like any. */
  private static FluxKustomization gitRepository(ArtifactGenerator generator, ArtifactGenerator.SourceRef ref) {
    Map<String, Object> sourceRef = new LinkedHashMap<>();
    sourceRef.put("kind", ref.kind());
    sourceRef.put("name", ref.name());
    sourceRef.put("namespace", ref.namespace());
    return new FluxKustomization("ArtifactGenerator " + generator.name(), generator.namespace(), "", Map.of(),
        Map.of("sourceRef", sourceRef));
  }
}
