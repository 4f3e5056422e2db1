package dev.foresight.renderer.flux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.kustomize.MapFileTree;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The files fluxcd/pkg's generator ({@code scanManifests}) lists for a path without a
 * kustomization: a lexical walk (files and directories interleaved by name), {@code .yaml} and
 * {@code .yml} exactly (case-sensitive, by extension only), hidden directories descended into, a
 * directory with any recognised kustomization file listed as a whole; of a GitRepository's
 * {@link SourceArtifactTree}, nothing that source-controller leaves out of the artifact by default.
 */
class GeneratedKustomizationTest {

  static final MapFileTree TREE = new MapFileTree(Map.ofEntries(
      Map.entry("p/b.yaml", "x"),
      Map.entry("p/b/c.yaml", "x"),
      Map.entry("p/a.yml", "x"),
      Map.entry("p/.hidden/h.yaml", "x"),
      Map.entry("p/.yaml", "x"),
      Map.entry("p/upper.YAML", "x"),
      Map.entry("p/upper.Yml", "x"),
      Map.entry("p/data.json", "{}"),
      Map.entry("p/yaml", "x"),
      Map.entry("p/k1/kustomization.yml", "resources: []"),
      Map.entry("p/k1/inner.yaml", "x"),
      Map.entry("p/k2/Kustomization", "resources: []"),
      Map.entry("p/deep/.github/workflows/ci.yaml", "x"),
      Map.entry("p/deep/.circleci/config.yml", "x"),
      Map.entry("p/deep/.sops.yaml", "x"),
      Map.entry("p/deep/.flux.yaml", "x"),
      Map.entry("p/deep/.goreleaser.yml", "x"),
      Map.entry("p/deep/.gitlab-ci.yml", "x"),
      Map.entry("p/deep/cloudbuild.yaml", "x"),
      Map.entry("p/deep/kept.yaml", "x"),
      Map.entry("p/.git/config.yaml", "x")));

  @Test
  void listsWhatScanManifestsListsInItsOrder() throws Exception {
    assertEquals(List.of("./.hidden/h.yaml", "./.yaml", "./a.yml", "./b/c.yaml", "./b.yaml", "./deep/kept.yaml",
        "./k1", "./k2"), GeneratedKustomization.resources(SourceArtifactTree.of(TREE, null, null), "p"));
  }

  @Test
  void listsEveryYamlFileOfTheTreeItIsGivenTheArtifactLeavesOutTheExcluded() throws Exception {
    List<String> all = GeneratedKustomization.resources(TREE, "p");
    assertTrue(all.contains("./deep/.github/workflows/ci.yaml") && all.contains("./deep/.sops.yaml")
        && all.contains("./.git/config.yaml"), all.toString());
  }

  @Test
  void generatedOnlyWhereNoKustomizationFileExists() throws Exception {
    assertTrue(GeneratedKustomization.needed(TREE, "p"));
    assertFalse(GeneratedKustomization.needed(TREE, "p/k1"));
    assertFalse(GeneratedKustomization.needed(TREE, "p/k2"));
    assertFalse(GeneratedKustomization.needed(TREE, "nowhere"), "a missing path is the build's error, not ours");
  }
}
