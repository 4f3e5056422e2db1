package dev.foresight.renderer.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.MapFileTree;
import dev.foresight.renderer.flux.FluxKustomization;
import dev.foresight.renderer.flux.SourceArtifactTree;
import dev.foresight.renderer.flux.SubstitutionSources;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One {@link SourceArtifacts} shared by the profile walks of a side. */
class SourceArtifactsTest {

  private static final FileTree REPOSITORY = new MapFileTree(Map.of("apps/a.yaml", "a: 1\n", "apps/b.yaml", "b: 1\n"));

  private static final FluxKustomization KS = FluxKustomization.of(Map.of(
      "apiVersion", "kustomize.toolkit.fluxcd.io/v1", "kind", "Kustomization",
      "metadata", Map.of("name", "apps", "namespace", "flux-system"),
      "spec", Map.of("path", "./apps", "sourceRef", Map.of("kind", "GitRepository", "name", "flux-system"))));

  /** The GitRepository flux-system/flux-system with {@code spec.ignore: ignore}, found at {@code where}. */
  private static SubstitutionSources gitRepository(String ignore, String where) {
    return (kind, namespace, name) -> kind.equals("GitRepository") && name.equals("flux-system")
        ? Optional.of(new SubstitutionSources.Found(Map.of("spec", Map.of("ignore", ignore)), where))
        : Optional.empty();
  }

  @Test
  void theSameSpecIgnoreFoundAtTwoPlacesNamesEachPlace() throws Exception {
    SourceArtifacts shared = new SourceArtifacts();
    SourceArtifactTree staging = shared.of(REPOSITORY, KS, gitRepository("/apps/b.yaml\n", "profiles/staging/sync.yaml"));
    SourceArtifactTree production = shared.of(REPOSITORY, KS,
        gitRepository("/apps/b.yaml\n", "profiles/production/sync.yaml"));
    assertEquals("excluded by '/apps/b.yaml' (line 1 of spec.ignore of GitRepository flux-system/flux-system"
        + " (profiles/staging/sync.yaml))", staging.whyExcluded("apps/b.yaml"));
    assertEquals("excluded by '/apps/b.yaml' (line 1 of spec.ignore of GitRepository flux-system/flux-system"
        + " (profiles/production/sync.yaml))", production.whyExcluded("apps/b.yaml"),
        "the second walk's view names its own GitRepository, not the first walk's");
    assertSame(staging, shared.of(REPOSITORY, KS, gitRepository("/apps/b.yaml\n", "profiles/staging/sync.yaml")),
        "one view per tree, spec.ignore and place");
    assertSame(shared.plain(REPOSITORY), shared.plain(REPOSITORY));
  }
}
