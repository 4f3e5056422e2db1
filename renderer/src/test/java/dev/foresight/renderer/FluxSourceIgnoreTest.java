package dev.foresight.renderer;

import static dev.foresight.renderer.FluxHarness.entry;
import static dev.foresight.renderer.FluxHarness.ks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.PairAction;
import dev.foresight.schema.PlannedPair;
import dev.foresight.schema.RenderPlan;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.RenderStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A GitRepository source is built from source-controller's artifact: without what its default
 * exclusions, the repository's {@code .sourceignore} files and the GitRepository's
 * {@code spec.ignore} leave out. End to end through {@link Renderer}, golden directory
 * {@code golden-flux/source-ignore/}; kubectl cross-checks on a copy without the excluded files.
 */
class FluxSourceIgnoreTest extends FluxTestBase {

  static String cm(String name) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  k: v\n";
  }

  /** apps/gen without kustomization.yaml (Flux generates one), apps/web with one; two pairs. */
  static Map<String, String> repo() {
    Map<String, String> files = new HashMap<>();
    files.put(".sourceignore", "# drafts are not applied\n*.draft.yaml\n");
    files.put("apps/gen/a.yaml", cm("a"));
    files.put("apps/gen/b.draft.yaml", cm("b-draft"));
    files.put("apps/gen/local.yaml", cm("local-top"));
    files.put("apps/gen/sub/.sourceignore", "local.yaml\n");
    files.put("apps/gen/sub/c.yaml", cm("c"));
    files.put("apps/gen/sub/local.yaml", cm("local-sub"));
    files.put("apps/web/kustomization.yaml", "resources:\n- config.yaml\n");
    files.put("apps/web/config.yaml", cm("web"));
    files.put("docs/readme.md", "read me\n");
    files.put("profiles/p/kustomization.yaml", entry("gen.yaml", "web.yaml"));
    files.put("profiles/p/gen.yaml", ks("gen", "./apps/gen"));
    files.put("profiles/p/web.yaml", ks("web", "./apps/web"));
    return files;
  }

  static String gitRepository(String ignore) {
    StringBuilder out = new StringBuilder("apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n"
        + "  name: flux-system\n  namespace: flux-system\nspec:\n  interval: 1m\n  url: https://example.invalid/repo\n"
        + "  ref:\n    branch: main\n");
    if (ignore != null) {
      out.append("  ignore: |\n");
      ignore.lines().forEach(l -> out.append("    ").append(l).append('\n'));
    }
    return out.toString();
  }

  static String out(RenderResult result) {
    assertEquals(RenderStatus.OK, result.getStatus(), result.getError());
    return result.getHead().getContent();
  }

  @Test
  void sourceignoreFilesHideFilesFromAGeneratedKustomization() throws Exception {
    String out = out(golden("source-ignore", "generated", flux.render(flux.commit(repo()), "p", "gen")));
    assertTrue(out.contains("name: a") && out.contains("name: local-top") && out.contains("name: c"), out);
    assertFalse(out.contains("b-draft"), "*.draft.yaml of the root .sourceignore: " + out);
    assertFalse(out.contains("local-sub"), "local.yaml of apps/gen/sub/.sourceignore: " + out);
    flux.crossCheck("apps/gen", Map.of("apps/gen/kustomization.yaml", "resources:\n- ./a.yaml\n- ./local.yaml\n"
        + "- ./sub/c.yaml\n"), List.of("apps/gen/b.draft.yaml", "apps/gen/sub/local.yaml"), out);
  }

  @Test
  void aKustomizationReferringToAnExcludedFileFailsNamingTheFileAndThePattern() throws Exception {
    Map<String, String> files = repo();
    files.put("apps/.sourceignore", "config.yaml\n");
    RenderResult result = golden("source-ignore", "referenced", flux.render(flux.commit(files), "p", "web"));
    assertEquals(RenderStatus.ERROR, result.getStatus());
    assertTrue(result.getError().contains("apps/web/config.yaml is in the repository but not in the GitRepository's"
        + " artifact: excluded by 'config.yaml' (line 1 of apps/.sourceignore)"), result.getError());
    assertTrue(result.getError().contains("remove or narrow that pattern"), result.getError());
  }

  @Test
  void specIgnoreOfTheGitRepositoryComesAfterEverySourceignore() throws Exception {
    Map<String, String> files = repo();
    files.put("profiles/p/source.yaml", gitRepository("/apps/gen/a.yaml\n!b.draft.yaml\n"));
    files.put("profiles/p/kustomization.yaml", entry("source.yaml", "gen.yaml", "web.yaml"));
    String out = out(golden("source-ignore", "spec-ignore", flux.render(flux.commit(files), "p", "gen")));
    assertTrue(out.contains("b-draft"), "re-included by spec.ignore: " + out);
    assertFalse(out.contains("name: a\n"), "excluded by spec.ignore: " + out);
    flux.crossCheck("apps/gen", Map.of("apps/gen/kustomization.yaml", "resources:\n- ./b.draft.yaml\n"
        + "- ./local.yaml\n- ./sub/c.yaml\n"), List.of("apps/gen/a.yaml", "apps/gen/sub/local.yaml"), out);
    // a GitRepository no Flux Kustomization renders is still found in the repository's files
    files.remove("profiles/p/source.yaml");
    files.put("clusters/elsewhere/flux-system/gotk-sync.yaml", gitRepository("/apps/gen/a.yaml\n!b.draft.yaml\n"));
    files.put("profiles/p/kustomization.yaml", entry("gen.yaml", "web.yaml"));
    assertEquals(out, out(flux.render(flux.commit(files), "p", "gen")));
  }

  @Test
  void defaultExclusionsApplyOnlyWithoutAnyOtherPattern() throws Exception {
    Map<String, String> files = repo();
    files.remove(".sourceignore");
    files.remove("apps/gen/sub/.sourceignore");
    files.put("apps/gen/cloudbuild.yaml", cm("cloudbuild"));
    files.put("apps/gen/.github/ci.yaml", cm("github-ci"));
    files.put("apps/gen/.gitignore", "*.tmp\n");
    String defaults = out(golden("source-ignore", "defaults", flux.render(flux.commit(files), "p", "gen")));
    assertFalse(defaults.contains("cloudbuild") || defaults.contains("github-ci"), defaults);
    flux.crossCheck("apps/gen", Map.of("apps/gen/kustomization.yaml", "resources:\n- ./a.yaml\n- ./b.draft.yaml\n"
        + "- ./local.yaml\n- ./sub/c.yaml\n- ./sub/local.yaml\n"), List.of(), defaults);
    // one .sourceignore anywhere replaces source-controller's defaults (its VCS exclusions stay)
    files.put("docs/.sourceignore", "*.md\n");
    String replaced = out(golden("source-ignore", "defaults-replaced", flux.render(flux.commit(files), "p", "gen")));
    assertTrue(replaced.contains("name: cloudbuild") && replaced.contains("name: github-ci"), replaced);
    flux.crossCheck("apps/gen", Map.of("apps/gen/kustomization.yaml", "resources:\n- ./.github/ci.yaml\n- ./a.yaml\n"
        + "- ./b.draft.yaml\n- ./cloudbuild.yaml\n- ./local.yaml\n- ./sub/c.yaml\n- ./sub/local.yaml\n"), List.of(),
        replaced);
  }

  @Test
  void anExcludedSpecPathSaysWhichPatternExcludesIt() throws Exception {
    Map<String, String> files = repo();
    files.put("apps/.sourceignore", "/gen/\n");
    RenderResult result = golden("source-ignore", "excluded-path", flux.render(flux.commit(files), "p", "gen"));
    assertEquals(RenderStatus.ERROR, result.getStatus());
    assertTrue(result.getError().contains("spec.path './apps/gen' is in this repository but not in the artifact"
        + " source-controller builds of it: excluded by '/gen/' (line 1 of apps/.sourceignore)"), result.getError());
  }

  static PlannedPair pair(RenderPlan plan, String name) {
    return plan.getPairs().stream().filter(p -> p.getKustomization().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aChangedSourceignoreRendersThePairsWhoseInputsItDecides() throws Exception {
    String base = flux.commit(repo());
    Map<String, String> files = repo();
    files.put("docs/readme.md", "changed\n");
    RenderPlan unrelated = flux.plan(base, flux.commit(files));
    assertEquals(PairAction.SKIP, pair(unrelated, "gen").getAction(), pair(unrelated, "gen").getReason());
    assertEquals(PairAction.SKIP, pair(unrelated, "web").getAction(), pair(unrelated, "web").getReason());

    files.put("apps/gen/sub/.sourceignore", "local.yaml\nc.yaml\n");
    String edited = flux.commit(files);
    RenderPlan plan = flux.plan(base, edited);
    assertEquals(PairAction.RENDER, pair(plan, "gen").getAction());
    assertEquals(PairAction.SKIP, pair(plan, "web").getAction(), "apps/gen/sub/.sourceignore cannot hide apps/web");
    RenderResult result = flux.render(base, edited, "p", "flux-system", "gen");
    assertTrue(result.getBase().getContent().contains("name: c\n") && !result.getHead().getContent().contains("name: c\n"),
        result.getHead().getContent());

    files.put("apps/gen/.sourceignore", "local.yaml\n");
    RenderPlan added = flux.plan(edited, flux.commit(files));
    assertEquals(PairAction.RENDER, pair(added, "gen").getAction(), "a new one counts too");
    assertEquals(PairAction.SKIP, pair(added, "web").getAction());
  }

  @Test
  void specIgnoreOrTheDefaultsTurningOffRenderEveryPairOfTheSource() throws Exception {
    Map<String, String> files = repo();
    files.remove(".sourceignore");
    files.remove("apps/gen/sub/.sourceignore");
    files.put("profiles/p/source.yaml", gitRepository(null));
    files.put("profiles/p/kustomization.yaml", entry("source.yaml", "gen.yaml", "web.yaml"));
    String base = flux.commit(files);
    files.put("docs/.sourceignore", "*.md\n");
    RenderPlan defaultsOff = flux.plan(base, flux.commit(files));
    for (String name : List.of("gen", "web")) {
      assertEquals(PairAction.RENDER, pair(defaultsOff, name).getAction(), name);
    }
    String head = flux.commit(files);
    files.put("profiles/p/source.yaml", gitRepository("*.draft.yaml\n"));
    RenderPlan specIgnore = flux.plan(head, flux.commit(files));
    for (String name : List.of("gen", "web")) {
      assertEquals(PairAction.RENDER, pair(specIgnore, name).getAction(), name);
    }
  }
}
