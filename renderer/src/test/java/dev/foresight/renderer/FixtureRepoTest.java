package dev.foresight.renderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.foresight.renderer.manifest.Manifests;
import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.ChangeKind;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.PairAction;
import dev.foresight.schema.PlannedPair;
import dev.foresight.schema.RenderJob;
import dev.foresight.schema.RenderPlan;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.RenderStatus;
import dev.foresight.schema.RenderedSide;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Plans and renders one push of the generated fixture repository (../shared/fixtures). */
class FixtureRepoTest {

  private static final Pattern PUSH = Pattern.compile(
      "\"kind\": \"push\", \"ref\": \"([^\"]+)\", \"before\": \"([0-9a-f]{40})\", \"after\": \"([0-9a-f]{40})\"");

  @TempDir Path tmp;

  @Test
  void plansAndRendersOnePush() throws Exception {
    String shared = System.getProperty("foresight.shared");
    assumeTrue(shared != null && Files.isRegularFile(Path.of(shared, "fixtures/gitops-repo-gen.py")),
        "foresight.shared (" + shared + ") has no fixtures/gitops-repo-gen.py: skipping the fixture repository test");
    assumeTrue(Tools.onPath("python3") && Tools.onPath("git"), "python3 or git not on PATH: skipping the fixture test");
    Tools.assumeKubectl();
    Process gen = new ProcessBuilder("python3", Path.of(shared, "fixtures/gitops-repo-gen.py").toString(),
        tmp.resolve("fx").toString(), "--commits", "20").redirectErrorStream(true).start();
    String genOut = new String(gen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(gen.waitFor(120, TimeUnit.SECONDS) && gen.exitValue() == 0, "fixture generator failed: " + genOut);

    Matcher push = null;
    for (String line : Files.readAllLines(tmp.resolve("fx/pushes.jsonl"))) {
      Matcher m = PUSH.matcher(line);
      if (m.find() && !m.group(2).equals(ChangeIds.ZERO_SHA)) {
        push = m;
        break;
      }
    }
    assertTrue(push != null, "no push with a base in pushes.jsonl");
    String repo = tmp.resolve("fx/infra").toString();
    ChangeRequested change = ChangeRequested.newBuilder()
        .setChangeId(ChangeIds.of(repo, push.group(1), push.group(2), push.group(3))).setRepo(repo)
        .setKind(ChangeKind.PUSH).setRef(push.group(1)).setBase(push.group(2)).setHead(push.group(3))
        .setSource("test").setRequestedAt(Instant.now()).build();

    try (Renderer renderer = new Renderer(new RendererConfig(tmp.resolve("data"), "k".getBytes(StandardCharsets.UTF_8),
        Duration.ofSeconds(120)))) {
      RenderPlan plan = renderer.plan(change);
      assertNull(plan.getError());
      assertTrue(plan.getPairs().size() >= 2, "pairs: " + plan.getPairs());
      assertTrue(plan.getPairs().stream().anyMatch(p -> p.getKustomization().equals("apps")), plan.getPairs().toString());
      List<RenderJob> jobs = renderer.jobs(plan);
      long rendered = plan.getPairs().stream().filter(p -> p.getAction() == PairAction.RENDER).count();
      assertEquals(rendered, jobs.size());
      assertTrue(jobs.size() > 0, "a push changes something");
      for (PlannedPair skipped : plan.getPairs()) {
        if (skipped.getAction() == PairAction.SKIP) {
          RenderResult same = renderer.render(RenderJob.newBuilder(jobs.get(0)).setProfile(skipped.getProfile())
              .setKustomization(skipped.getKustomization()).setNamespace(skipped.getNamespace()).build());
          assertEquals(same.getBase(), same.getHead(), "skipped " + skipped + " renders the same on both sides");
        }
      }
      for (RenderJob job : jobs) {
        RenderResult result = renderer.render(job);
        assertEquals(RenderStatus.OK, result.getStatus(), result.getError());
        for (RenderedSide side : new RenderedSide[] {result.getBase(), result.getHead()}) {
          assertTrue(side != null && side.getObjects() > 0, job.getProfile() + "/" + job.getKustomization());
          assertFalse(side.getContent().contains("${cluster_name}"), "cluster_name not substituted");
          assertSecretsMasked(side.getContent());
        }
      }
    }
  }

  private static void assertSecretsMasked(String yaml) {
    for (String doc : Manifests.split(yaml)) {
      if (Manifests.isEmpty(doc)) {
        continue;
      }
      Map<?, ?> object = (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromString(doc);
      if ("Secret".equals(object.get("kind"))) {
        for (String field : List.of("data", "stringData")) {
          if (object.get(field) instanceof Map<?, ?> values) {
            values.values().forEach(v -> assertTrue(String.valueOf(v).startsWith("masked:"), "clear Secret value"));
          }
        }
      }
    }
  }
}
