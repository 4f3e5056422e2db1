package dev.foresight.renderer.flux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.MapFileTree;
import dev.foresight.renderer.flux.ArtifactGenerator.CopyOperation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The copy rules of an ArtifactGenerator artifact, case by case as source-watcher's builder stages
 * them (its {@code builder_test.go} cases and the spec's cp-like examples, rewritten here).
 */
class ArtifactCopyTest {

  static final FileTree REPO = new MapFileTree(Map.ofEntries(
      Map.entry("apps/base/podinfo/kustomization.yaml", "k"),
      Map.entry("apps/base/podinfo/release.yaml", "release"),
      Map.entry("apps/base/README.md", "readme"),
      Map.entry("apps/staging/kustomization.yaml", "staging"),
      Map.entry("apps/staging/values.yaml", "staging values"),
      Map.entry("apps/staging/testdata/t.yaml", "test"),
      Map.entry("apps/staging/.sops.yaml", "creation_rules: []"),
      Map.entry("config.yaml", "config"),
      Map.entry("configs/a.yaml", "a"),
      Map.entry("configs/b.yml", "b"),
      Map.entry("configs/sub/c.yaml", "c"),
      Map.entry("infrastructure/controllers/descheduler/d.yaml", "d"),
      Map.entry("infrastructure/controllers/x.yaml", "x"),
      Map.entry("other/config.yaml", "other config")));

  static CopyOperation op(String from, String to, String... exclude) {
    return new CopyOperation(from, to, List.of(exclude), "");
  }

  static CopyOperation strategy(String from, String to, String strategy) {
    return new CopyOperation(from, to, List.of(), strategy);
  }

  static ArtifactTree build(CopyOperation... ops) throws Exception {
    return ArtifactCopy.build("ExternalArtifact test", List.of(ops), Map.of("repo", REPO, "other", REPO),
        Map.of("repo", "this repository", "other", "this repository"), Map.of());
  }

  /** Artifact path → content. */
  static Map<String, String> files(ArtifactTree tree) throws Exception {
    Map<String, String> out = new TreeMap<>();
    for (String path : tree.files().keySet()) {
      out.put(path, new String(tree.read(path).orElseThrow(), StandardCharsets.UTF_8));
    }
    return out;
  }

  static List<String> paths(CopyOperation... ops) throws Exception {
    return new ArrayList<>(build(ops).files().keySet());
  }

  @Test
  void recursiveGlobStripsTheDirectoryPrefixIntoTheDestination() throws Exception {
    assertEquals(List.of("base/README.md", "base/podinfo/kustomization.yaml", "base/podinfo/release.yaml"),
        paths(op("@repo/apps/base/**", "@artifact/base/")));
    assertEquals(List.of("README.md", "podinfo/kustomization.yaml", "podinfo/release.yaml"),
        paths(op("@repo/apps/base/**", "@artifact/")), "@artifact/ is the root");
  }

  @Test
  void doubleStarInFromIsOneLevelNotRecursion() throws Exception {
    // fs.Glob: "apps/**/kustomization.yaml" is apps/<one segment>/kustomization.yaml
    assertEquals(List.of("apps/staging/kustomization.yaml"),
        paths(op("@repo/apps/**/kustomization.yaml", "@artifact/")));
    // a pattern not ending in /** keeps the whole match path under the destination
    assertEquals(List.of("out/configs/a.yaml"), paths(op("@repo/configs/*.yaml", "@artifact/out/")));
  }

  @Test
  void aMatchedDirectoryIsCopiedWhole() throws Exception {
    assertEquals(List.of("config.yaml", "configs/a.yaml", "configs/b.yml", "configs/sub/c.yaml"),
        paths(op("@repo/conf*", "@artifact/")), "files and directories match");
  }

  @Test
  void aDirectoryWithOrWithoutTrailingSlashLandsAsASubdirectory() throws Exception {
    List<String> expected = List.of("dest/configs/a.yaml", "dest/configs/b.yml", "dest/configs/sub/c.yaml");
    assertEquals(expected, paths(op("@repo/configs", "@artifact/dest")));
    assertEquals(expected, paths(op("@repo/configs/", "@artifact/dest/")));
  }

  @Test
  void theSourceRootCopiesEverythingToTheDestination() throws Exception {
    ArtifactTree all = build(op("@repo/", "@artifact/"));
    assertEquals(REPO.list("").size(), all.list("").size());
    assertTrue(all.isFile("infrastructure/controllers/x.yaml"));
  }

  @Test
  void aFileGoesIntoADirectoryWhenToEndsWithSlashOrIsAStagedDirectory() throws Exception {
    assertEquals(List.of("dest/config.yaml"), paths(op("@repo/config.yaml", "@artifact/dest/")));
    assertEquals(List.of("dest"), paths(op("@repo/config.yaml", "@artifact/dest")), "a file named dest");
    assertEquals(List.of("renamed.yaml"), paths(op("@repo/config.yaml", "@artifact/renamed.yaml")));
    assertEquals(List.of("configs/a.yaml", "configs/b.yml", "configs/config.yaml", "configs/sub/c.yaml"),
        paths(op("@repo/configs", "@artifact/"), op("@repo/config.yaml", "@artifact/configs")));
  }

  @Test
  void laterOperationsOverwriteEarlierFilesAndKeepTheOthers() throws Exception {
    Map<String, String> files = files(build(op("@repo/configs/**", "@artifact/"),
        op("@other/other/config.yaml", "@artifact/a.yaml")));
    assertEquals("other config", files.get("a.yaml"));
    assertEquals("b", files.get("b.yml"));
    assertEquals(new ArtifactTree.Origin("other", "other/config.yaml"), build(op("@repo/configs/**", "@artifact/"),
        op("@other/other/config.yaml", "@artifact/a.yaml")).files().get("a.yaml"));
  }

  @Test
  void excludesMatchTheSourcePathThePathBelowThePrefixAndBareNamesAtAnyDepth() throws Exception {
    assertEquals(List.of("base/podinfo/kustomization.yaml", "base/podinfo/release.yaml"),
        paths(op("@repo/apps/base/**", "@artifact/base/", "*.md")));
    assertEquals(List.of("kustomization.yaml", "values.yaml"),
        paths(op("@repo/apps/staging/**", "@artifact/", "**/testdata/**")));
    assertEquals(List.of("x.yaml"),
        paths(op("@repo/infrastructure/controllers/**", "@artifact/", "infrastructure/controllers/descheduler/**")));
    assertEquals(List.of("x.yaml"), paths(op("@repo/infrastructure/controllers/**", "@artifact/", "descheduler/**")),
        "relative to the literal prefix of from");
    assertEquals(List.of("controllers/x.yaml"),
        paths(op("@repo/infrastructure/controllers", "@artifact/", "descheduler/**")),
        "a directory copy: relative to the directory copied");
    assertEquals(List.of(), paths(op("@repo/configs/sub/c.yaml", "@artifact/", "c.yaml")), "an excluded single file");
    assertEquals(List.of("a.yaml", "sub/c.yaml"), paths(op("@repo/configs/**", "@artifact/", "{b.yml,*.txt}")));
  }

  @Test
  void flagsArchiverDefaultExclusionsOut() throws Exception {
    List<String> staged = paths(op("@repo/apps/staging/**", "@artifact/"));
    assertFalse(staged.contains(".sops.yaml"), staged.toString());
    assertTrue(ArtifactCopy.defaultExcluded(".github/workflows/ci.yaml"));
    assertTrue(ArtifactCopy.defaultExcluded("a/.git/config"));
    assertFalse(ArtifactCopy.defaultExcluded("a/.git"), "a file named .git is kept (.git/ is a directory pattern)");
    assertFalse(ArtifactCopy.defaultExcluded("apps/x.yaml"));
    // fluxcd/pkg sourceignore ExcludeExt, and only what it and ExcludeVCS/CI/Extra name
    assertTrue(ArtifactCopy.defaultExcluded("docs/logo.png"), "*.png");
    assertTrue(ArtifactCopy.defaultExcluded("x.tar.gz"), "*.tar.gz");
    assertTrue(ArtifactCopy.defaultExcluded("a/b/bundle.zip"), "*.zip");
    assertTrue(ArtifactCopy.defaultExcluded("a/.goreleaser.yml"), "**/.goreleaser.yml");
    assertFalse(ArtifactCopy.defaultExcluded(".golangci.yaml"), "not a Flux default exclusion");
    assertFalse(ArtifactCopy.defaultExcluded(".goreleaser.brew.yml"), "not a Flux default exclusion");
    assertFalse(ArtifactCopy.defaultExcluded("x.tar"), "only *.tar.gz");
  }

  @Test
  void whatFluxRejectsFails() {
    assertProblem(false, "no files match pattern 'nothing/*.yaml'", op("@repo/nothing/*.yaml", "@artifact/"));
    assertProblem(false, "were excluded", op("@repo/configs/*.yaml", "@artifact/", "*.yaml"));
    assertProblem(false, "source 'missing.yaml' does not exist", op("@repo/missing.yaml", "@artifact/"));
    assertProblem(false, "invalid glob pattern '['", op("@repo/[", "@artifact/"));
    assertProblem(false, "source alias 'nope' is not in spec.sources", op("@nope/x", "@artifact/"));
    assertProblem(false, "to must be '@artifact/<path>'", op("@repo/config.yaml", "@elsewhere/"));
    assertProblem(false, "is a file", op("@repo/config.yaml", "@artifact/x"), op("@repo/configs", "@artifact/x/"));
    assertProblem(false, "escapes the root", op("@repo/config.yaml", "@artifact/../x"));
  }

  @Test
  void extractAndARealMergeAreNotReproducedButAMergeOntoNothingIsACopy() throws Exception {
    assertProblem(true, "strategy Extract", strategy("@repo/configs/*.yaml", "@artifact/", "Extract"));
    assertProblem(true, "strategy Merge onto the existing a.yaml", op("@repo/configs/**", "@artifact/"),
        strategy("@repo/config.yaml", "@artifact/a.yaml", "Merge"));
    assertEquals(Map.of("a.yaml", "config"), files(build(strategy("@repo/config.yaml", "@artifact/a.yaml", "Merge"))));
  }

  @Test
  void candidatesMapArtifactPathsBackToSourcePaths() throws Exception {
    ArtifactTree apps = build(op("@repo/apps/base/**", "@artifact/base/"), op("@repo/apps/staging/**",
        "@artifact/staging/"), op("@repo/config.yaml", "@artifact/staging/cfg.yaml"));
    assertEquals(List.of(new ArtifactTree.Origin("repo", "apps/staging/kustomization.yaml")),
        List.copyOf(apps.candidates("staging/kustomization.yaml")));
    assertEquals(List.of(new ArtifactTree.Origin("repo", "apps/staging/cfg.yaml"),
        new ArtifactTree.Origin("repo", "config.yaml")), List.copyOf(apps.candidates("staging/cfg.yaml")));
    assertEquals(List.of(new ArtifactTree.Origin("repo", "apps/base/podinfo")),
        List.copyOf(apps.candidates("base/podinfo")));
    assertEquals(List.of(), List.copyOf(apps.candidates("production/kustomization.yaml")));
  }

  @Test
  void equalContentIsAnEqualTree() throws Exception {
    ArtifactTree a = build(op("@repo/configs/**", "@artifact/"));
    ArtifactTree b = build(op("@repo/configs/", "@artifact/x/"), op("@repo/configs/**", "@artifact/"));
    ArtifactTree c = build(op("@repo/configs/**", "@artifact/"));
    assertEquals(a, c);
    assertEquals(a.hashCode(), c.hashCode());
    assertFalse(a.equals(b));
    Map<String, String> changed = new LinkedHashMap<>();
    for (String path : new TreeMap<>(Map.of("configs/a.yaml", "", "configs/b.yml", "", "configs/sub/c.yaml", ""))
        .keySet()) {
      changed.put(path, path.equals("configs/a.yaml") ? "changed" : new String(REPO.read(path).orElseThrow(),
          StandardCharsets.UTF_8));
    }
    ArtifactTree d = ArtifactCopy.build("x", List.of(op("@repo/configs/**", "@artifact/")),
        Map.of("repo", new MapFileTree(changed)), Map.of("repo", "this repository"), Map.of());
    assertFalse(a.equals(d), "same paths, other content");
  }

  private static void assertProblem(boolean unsupported, String message, CopyOperation... ops) {
    ArtifactCopy.Problem problem = assertThrows(ArtifactCopy.Problem.class, () -> build(ops));
    assertTrue(problem.getMessage().contains(message), problem.getMessage());
    assertEquals(unsupported, problem.unsupported(), problem.getMessage());
  }
}
