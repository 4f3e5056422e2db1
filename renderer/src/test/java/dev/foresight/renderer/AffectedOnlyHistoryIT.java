package dev.foresight.renderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.foresight.renderer.engine.EngineChoice;
import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.ChangeKind;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.PairAction;
import dev.foresight.schema.PlannedPair;
import dev.foresight.schema.RenderPlan;
import dev.foresight.schema.RenderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Affected-only planning against full re-renders, through the Renderer itself, over the whole
 * first-parent history of a generated repository: every pair whose full render differs between
 * base and head must be planned RENDER; and the plan must skip something, or it optimises nothing.
 */
class AffectedOnlyHistoryIT {

  @TempDir Path tmp;

  @Test
  void noDifferenceIsMissedOverTheHistory() throws Exception {
    String shared = System.getProperty("foresight.shared");
    assumeTrue(shared != null && Files.isRegularFile(Path.of(shared, "fixtures/gitops-repo-gen.py")),
        "foresight.shared (" + shared + ") has no fixtures/gitops-repo-gen.py: skipping the history test");
    assumeTrue(Tools.onPath("python3") && Tools.onPath("git"), "python3 or git not on PATH: skipped");
    Tools.assumeKubectl();
    int commits = Integer.getInteger("foresight.history.commits", 30);
    Process gen = new ProcessBuilder("python3", Path.of(shared, "fixtures/gitops-repo-gen.py").toString(),
        tmp.resolve("fx").toString(), "--commits", String.valueOf(commits)).redirectErrorStream(true).start();
    String out = new String(gen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(gen.waitFor(120, TimeUnit.SECONDS) && gen.exitValue() == 0, "generator failed: " + out);
    Path repo = tmp.resolve("fx/infra");
    List<String> history = firstParentHistory(repo);

    RendererConfig config = RendererConfig.of(tmp.resolve("data"));
    int transitions = 0;
    int pairs = 0;
    int skipped = 0;
    int differing = 0;
    try (Renderer affectedOnly = new Renderer(config);
        // the reference renders everything with kubectl (exec engine), without the cache: a closure that
        // missed a file would otherwise serve the same stale render to both sides of the comparison
        Renderer full = new Renderer(RendererConfig.of(tmp.resolve("full")).withAffectedOnly(false).withCache(false)
            .withEngine(EngineChoice.EXEC))) {
      for (int i = 1; i < history.size(); i++) {
        ChangeRequested change = change(repo.toString(), history.get(i - 1), history.get(i));
        RenderPlan plan = affectedOnly.plan(change);
        RenderPlan fullPlan = full.plan(change);
        assertEquals(null, plan.getError());
        assertEquals(fullPlan.getPairs().size(), plan.getPairs().size(), "same pairs");
        transitions++;
        for (int p = 0; p < plan.getPairs().size(); p++) {
          PlannedPair pair = plan.getPairs().get(p);
          RenderResult result = full.render(full.jobs(fullPlan).stream()
              .filter(j -> j.getProfile().equals(pair.getProfile())
                  && j.getKustomization().equals(pair.getKustomization())).findFirst().orElseThrow());
          boolean differs = !Objects.equals(result.getBase(), result.getHead());
          pairs++;
          differing += differs ? 1 : 0;
          if (pair.getAction() == PairAction.SKIP) {
            skipped++;
            assertTrue(!differs, "missed difference: " + pair.getProfile() + "/" + pair.getKustomization() + " at "
                + history.get(i - 1).substring(0, 7) + ".." + history.get(i).substring(0, 7) + " was skipped ("
                + pair.getReason() + ")");
          }
        }
      }
    }
    System.out.printf("affected-only over %d transitions: %d pairs, %d skipped, %d differing%n", transitions, pairs,
        skipped, differing);
    assertTrue(transitions >= 20, "enough history: " + transitions);
    assertTrue(skipped > 0, "affected-only planning skipped nothing");
    assertTrue(differing > 0, "the history changes something");
  }

  static List<String> firstParentHistory(Path repo) throws Exception {
    Process log = new ProcessBuilder("git", "-C", repo.toString(), "rev-list", "--first-parent", "--reverse",
        "master").start();
    List<String> shas = new ArrayList<>(List.of(new String(log.getInputStream().readAllBytes(),
        StandardCharsets.UTF_8).trim().split("\n")));
    log.waitFor();
    return shas;
  }

  static ChangeRequested change(String repo, String base, String head) {
    return ChangeRequested.newBuilder().setChangeId(ChangeIds.of(repo, "refs/heads/master", base, head))
        .setRepo(repo).setKind(ChangeKind.PUSH).setRef("refs/heads/master").setBase(base).setHead(head)
        .setSource("test").setRequestedAt(Instant.now()).build();
  }

}
