package dev.foresight.renderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.ChangeKind;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.PlannedPair;
import dev.foresight.schema.RenderJob;
import dev.foresight.schema.RenderPlan;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.RenderStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A render worker's job is one profile x Flux Kustomization: a worker that did not plan (another
 * process) builds that profile's tree only, never another profile's, and renders what a renderer
 * that walked every profile renders.
 */
class WorkerScopeTest {

  static final byte[] KEY = "worker-scope-key".getBytes(StandardCharsets.UTF_8);

  @TempDir Path tmp;

  static String fluxKs(String name, String path) {
    return "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: " + name
        + "\n  namespace: flux-system\nspec:\n  path: " + path + "\n  sourceRef:\n    kind: GitRepository\n"
        + "    name: flux-system\n  postBuild:\n    substitute:\n      cluster: " + name + "-cluster\n";
  }

  static String configMap(String name, String value) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  v: " + value
        + "\n  cluster: ${cluster}\n";
  }

  Renderer renderer(String data) throws java.io.IOException {
    // no render cache: every walk of a tree is engine builds, and counted
    return new Renderer(new RendererConfig(tmp.resolve(data), KEY, Duration.ofSeconds(60)).withCache(false));
  }

  @Test
  void aJobBuildsOnlyItsOwnProfileAndRendersTheSame() throws Exception {
    Tools.assumeKubectl();
    try (TestRepo repo = TestRepo.init(tmp.resolve("infra"))) {
      String base = repo.write(Map.of(
          "profiles/alpha/kustomization.yaml", "resources:\n- app.yaml\n",
          "profiles/alpha/app.yaml", fluxKs("app", "./apps/alpha"),
          "apps/alpha/kustomization.yaml", "resources:\n- cm.yaml\n",
          "apps/alpha/cm.yaml", configMap("alpha", "1"),
          "profiles/beta/kustomization.yaml", "resources:\n- app.yaml\n- infra.yaml\n",
          "profiles/beta/app.yaml", fluxKs("app", "./apps/beta"),
          "profiles/beta/infra.yaml", fluxKs("infra", "./infra"),
          "apps/beta/kustomization.yaml", "resources:\n- cm.yaml\n",
          "apps/beta/cm.yaml", configMap("beta", "1"),
          "infra/kustomization.yaml", "resources:\n- cm.yaml\n")).write("infra/cm.yaml", configMap("infra", "1"))
          .commit("alpha and beta");
      // head: alpha's app changes; beta is broken (a Flux Kustomization whose spec.path is missing)
      String head = repo.write("apps/alpha/cm.yaml", configMap("alpha", "2"))
          .write("profiles/beta/kustomization.yaml", "resources:\n- app.yaml\n- infra.yaml\n- broken.yaml\n")
          .write("profiles/beta/broken.yaml", fluxKs("broken", "./does/not/exist")).commit("alpha 2, beta broken");
      String url = repo.dir().toString();
      ChangeRequested change = ChangeRequested.newBuilder()
          .setChangeId(ChangeIds.of(url, "refs/heads/master", base, head)).setRepo(url).setKind(ChangeKind.PUSH)
          .setRef("refs/heads/master").setBase(base).setHead(head).setSource("test")
          .setRequestedAt(Instant.parse("2026-01-01T00:00:00Z")).build();
      RenderJob job = RenderJob.newBuilder().setChangeId(change.getChangeId()).setChange(change)
          .setProfile("alpha").setKustomization("app").setNamespace("flux-system").build();

      RenderResult worker;
      try (Renderer fresh = renderer("worker")) {
        worker = fresh.render(job);
        assertEquals(RenderStatus.OK, worker.getStatus(), worker.getError());
        // alpha's entry and its one Flux Kustomization, at base and at head; beta's tree (entry,
        // app, infra at base; entry, app, infra at head) would add 6 builds
        assertEquals(4, fresh.counters().builds(), "a job for alpha builds alpha's tree only");
      }
      assertNull(worker.getError());
      assertTrue(worker.getWarnings().stream().noneMatch(w -> w.contains("beta") || w.contains("does/not/exist")),
          worker.getWarnings().toString());
      assertTrue(worker.getHead().getContent().contains("v: 2"), worker.getHead().getContent());
      assertTrue(worker.getHead().getContent().contains("cluster: app-cluster"), "substituted by its own spec");

      try (Renderer planner = renderer("planner")) {
        RenderPlan plan = planner.plan(change);
        PlannedPair broken = plan.getPairs().stream().filter(p -> p.getKustomization().equals("broken"))
            .findFirst().orElseThrow(() -> new AssertionError("beta/broken planned: " + plan.getPairs()));
        assertEquals("beta", broken.getProfile());
        long walkedAll = planner.counters().builds();
        assertTrue(walkedAll >= 10, "the plan walks every profile of both sides: " + walkedAll);
        RenderResult afterPlan = planner.render(job);
        assertEquals(walkedAll, planner.counters().builds(), "the worker of the planning renderer reuses its walk");
        assertEquals(RenderResult.newBuilder(afterPlan).setDurationMs(0).build(), RenderResult.newBuilder(worker).setDurationMs(0).build(),
            "the same result as a renderer that walked every profile");
        RenderResult beta = planner.render(RenderJob.newBuilder(job).setProfile("beta").setKustomization("broken")
            .build());
        assertEquals(RenderStatus.ERROR, beta.getStatus());
        assertFalse(beta.getError().isEmpty());
      }
    }
  }
}
