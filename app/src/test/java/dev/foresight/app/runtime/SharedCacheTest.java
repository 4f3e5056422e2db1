package dev.foresight.app.runtime;

import dev.foresight.app.Cli;

import dev.foresight.app.Tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.foresight.app.sample.SampleRepository;
import dev.foresight.renderer.RenderCounters;
import dev.foresight.renderer.Renderer;
import dev.foresight.renderer.RendererConfig;
import dev.foresight.renderer.cache.RenderCache;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.PairAction;
import dev.foresight.schema.PlannedPair;
import dev.foresight.schema.RenderJob;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.RenderStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code foresight diff} and the renderer stage on one data directory share the render cache: a
 * stage worker rendering a pair the diff rendered executes no engine build. The stage's renderer
 * is built as {@code foresight serve renderer} builds it ({@link Services#renderer}).
 */
class SharedCacheTest {

  @TempDir static Path dir;
  static SampleRepository.Sample sample;

  @BeforeAll
  static void sample() throws Exception {
    Tools.assumeKubectl("the sample's builds fall back to it; SharedCacheTest");
    sample = SampleRepository.create(dir.resolve("repo"));
  }

  static int foresight(String... args) {
    return Cli.run(args).exitCode();
  }

  /** What the stage's renderer does for the first RENDER pair of {@code change}, on a fresh renderer. */
  static RenderCounters stageRender(Path data, ChangeRequested change, long cacheMaxBytes) throws Exception {
    RuntimeOptions options = new RuntimeOptions("localhost:9092", data, 0, null, 1, Duration.ofMinutes(1),
        cacheMaxBytes);
    PlannedPair pair;
    RendererConfig elsewhere = new RendererConfig(dir.resolve("planner-" + data.getFileName()),
        "planner-key".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(1)).withCache(false);
    try (Renderer planner = new Renderer(elsewhere)) {
      pair = planner.plan(change).getPairs().stream().filter(p -> p.getAction() == PairAction.RENDER).findFirst()
          .orElseThrow(() -> new AssertionError("the sample's first push renders something"));
    }
    RenderJob job = RenderJob.newBuilder().setChangeId(change.getChangeId()).setChange(change)
        .setProfile(pair.getProfile()).setKustomization(pair.getKustomization()).setNamespace(pair.getNamespace())
        .build();
    try (Renderer stage = Services.renderer(options)) {
      RenderResult result = stage.render(job);
      assertEquals(RenderStatus.OK, result.getStatus(), result.getError());
      return stage.counters();
    }
  }

  @Test
  void aStageRenderAfterForesightDiffOnTheSameDataDirectoryIsServedFromTheCache() throws Exception {
    SampleRepository.RefUpdate push = sample.refUpdates().get(1);
    Path data = dir.resolve("shared-data");
    assertEquals(0, foresight("diff", "--repo", sample.path().toString(), "--data-dir", data.toString(),
        push.before(), push.after()));
    ChangeRequested change = Revisions.localChange(sample.path(), push.before(), push.after());

    RenderCounters stage = stageRender(data, change, RenderCache.DEFAULT_MAX_BYTES);
    assertEquals(0, stage.builds(), "every build of the job's profile was rendered by foresight diff: " + stage);
    assertTrue(stage.cacheLookups() > 0, stage.toString());
    assertEquals(stage.cacheLookups(), stage.cacheHits(), stage.toString());
  }

  @Test
  void theCacheBoundOfForesightDiffReachesTheCache() throws Exception {
    SampleRepository.RefUpdate push = sample.refUpdates().get(1);
    Path data = dir.resolve("one-byte-cache");
    // one byte holds no render: foresight diff stores nothing, so the stage finds nothing
    assertEquals(0, foresight("diff", "--repo", sample.path().toString(), "--data-dir", data.toString(),
        "--cache-max-bytes", "1", push.before(), push.after()));
    try (Stream<Path> files = Files.walk(data.resolve("cache"))) {
      assertEquals(0, files.filter(Files::isRegularFile).count(), "no entry fits in one byte");
    }
    ChangeRequested change = Revisions.localChange(sample.path(), push.before(), push.after());
    RenderCounters stage = stageRender(data, change, RenderCache.DEFAULT_MAX_BYTES);
    assertTrue(stage.builds() > 0, "nothing to reuse, so the stage builds: " + stage);
  }
}
