package dev.foresight.renderer.closure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.kustomize.MapFileTree;
import dev.foresight.renderer.flux.ArtifactCopy;
import dev.foresight.renderer.flux.ArtifactGenerator.CopyOperation;
import dev.foresight.renderer.flux.ArtifactTree;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A closure over an ExternalArtifact, in the repository's paths. */
class ArtifactClosureTest {

  static final String K = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n";

  static ArtifactTree apps() throws Exception {
    MapFileTree repo = new MapFileTree(Map.of(
        "apps/base/podinfo/kustomization.yaml", K + "resources:\n  - release.yaml\n",
        "apps/base/podinfo/release.yaml", "kind: HelmRelease\n",
        "apps/staging/kustomization.yaml", K + "resources:\n  - ../base/podinfo\n",
        "apps/production/kustomization.yaml", K + "resources:\n  - ../base/podinfo\n",
        "generated/a.yaml", "kind: ConfigMap\n"));
    return ArtifactCopy.build("ExternalArtifact apps", List.of(
        new CopyOperation("@repo/apps/base/**", "@artifact/base/", List.of(), ""),
        new CopyOperation("@repo/apps/staging/**", "@artifact/staging/", List.of(), ""),
        new CopyOperation("@repo/generated/a.yaml", "@artifact/plain/", List.of(), "")),
        Map.of("repo", repo), Map.of("repo", "this repository"), Map.of());
  }

  @Test
  void mapsFilesAndKustomizationDirectoriesToWhereTheyWereCopiedFrom() throws Exception {
    ArtifactTree artifact = apps();
    Closure closure = ArtifactClosure.inSource(ClosureCollector.collect(artifact, "staging"), artifact, "repo");
    assertEquals(Set.of("apps/base/podinfo/kustomization.yaml", "apps/base/podinfo/release.yaml",
        "apps/staging/kustomization.yaml"), closure.files());
    assertEquals(Set.of("apps/base/podinfo", "apps/staging"), closure.directories());
    assertTrue(closure.intersects(Set.of("apps/base/podinfo/release.yaml")));
    assertTrue(closure.intersects(Set.of("apps/staging/new.yaml")), "a file added to a copied kustomization dir");
    assertFalse(closure.intersects(Set.of("apps/production/kustomization.yaml")), "not copied");
    assertFalse(closure.intersects(Set.of("generated/a.yaml")), "copied, but not read by ./staging");
  }

  @Test
  void aGeneratedKustomizationTreeTakesWhatEveryOperationCopiesBelowIt() throws Exception {
    ArtifactTree artifact = apps();
    Closure closure = ArtifactClosure.inSource(ClosureCollector.collect(artifact, "plain"), artifact, "repo");
    assertTrue(closure.intersects(Set.of("generated/a.yaml")), closure.toString());
    assertFalse(closure.intersects(Set.of("apps/base/podinfo/release.yaml")), closure.toString());
  }
}
