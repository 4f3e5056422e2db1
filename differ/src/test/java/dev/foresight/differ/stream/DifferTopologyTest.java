package dev.foresight.differ.stream;

import static dev.foresight.differ.Fixtures.ok;
import static dev.foresight.differ.Fixtures.plan;
import static dev.foresight.differ.Fixtures.render;
import static dev.foresight.differ.Fixtures.skip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.differ.Fixtures;
import dev.foresight.schema.ChangeProgress;
import dev.foresight.schema.DiffStats;
import dev.foresight.schema.RenderPlan;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.Report;
import dev.foresight.schema.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DifferTopologyTest {

  static final String KEY = Fixtures.CHANGE_ID;
  static final String REPORT_KEY = "https://git.example/infra.git#refs/heads/master";

  @TempDir Path stateDir;
  TopologyTestDriver driver;
  TestInputTopic<String, RenderPlan> plans;
  TestInputTopic<String, RenderResult> renders;
  TestOutputTopic<String, Report> reports;

  @BeforeEach
  void start() {
    DifferOptions options = DifferOptions.defaults().withTimeout(Duration.ofMinutes(1))
        .withPunctuateInterval(Duration.ofSeconds(5));
    driver = new TopologyTestDriver(DifferTopology.build(options),
        DifferStreams.config("dummy:9092", "differ-test", stateDir), Instant.parse("2026-01-01T00:00:00Z"));
    plans = driver.createInputTopic(Topics.RENDER_PLANS.name(), Serdes.String().serializer(),
        Topics.RENDER_PLANS.valueSerde().serializer());
    renders = driver.createInputTopic(Topics.RENDERS.name(), Serdes.String().serializer(),
        Topics.RENDERS.valueSerde().serializer());
    reports = driver.createOutputTopic(Topics.REPORTS.name(), Serdes.String().deserializer(),
        Topics.REPORTS.valueSerde().deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  RenderPlan twoPairs() {
    return plan(render("prod", "apps"), render("prod", "infra"), skip("dev", "apps"));
  }

  @Test
  void planThenResultsGiveOneReport() {
    plans.pipeInput(KEY, twoPairs());
    renders.pipeInput(KEY, ok("prod", "apps", "a: 1\n", "a: 2\n"));
    assertTrue(reports.isEmpty());
    renders.pipeInput(KEY, ok("prod", "infra", "b: 1\n", "b: 1\n"));
    List<KeyValue<String, Report>> out = reports.readKeyValuesToList();
    assertEquals(1, out.size());
    assertEquals(REPORT_KEY, out.get(0).key);
    assertEquals(List.of(), out.get(0).value.getMissing());
    assertEquals(new DiffStats(0, 0, 1, 1, 1), out.get(0).value.getStats());
    assertNull(store().get(KEY), "progress is deleted once reported");
  }

  @Test
  void resultsBeforePlanGiveOneReport() {
    renders.pipeInput(KEY, ok("prod", "infra", "b: 1\n", "b: 1\n"));
    renders.pipeInput(KEY, ok("prod", "apps", "a: 1\n", "a: 2\n"));
    assertTrue(reports.isEmpty());
    plans.pipeInput(KEY, twoPairs());
    List<Report> out = reports.readValuesToList();
    assertEquals(1, out.size());
    assertEquals(2, out.get(0).getProfiles().size());
  }

  @Test
  void duplicateResultsDoNotDoubleCount() {
    renders.pipeInput(KEY, ok("prod", "apps", "a: 1\n", "a: 2\n"));
    renders.pipeInput(KEY, ok("prod", "apps", "a: 1\n", "a: 2\n"));
    plans.pipeInput(KEY, twoPairs());
    assertEquals(1, store().get(KEY).getResults().size());
    renders.pipeInput(KEY, ok("prod", "apps", "a: 1\n", "a: 2\n"));
    renders.pipeInput(KEY, ok("prod", "infra", "b: 1\n", "b: 2\n"));
    List<Report> out = reports.readValuesToList();
    assertEquals(1, out.size());
    assertEquals(new DiffStats(0, 0, 2, 2, 2), out.get(0).getStats());
    assertEquals(2, out.get(0).getProfiles().get(1).getKustomizations().size());
  }

  @Test
  void timeoutEmitsPartialReportWithMissingPairs() {
    plans.pipeInput(KEY, twoPairs());
    renders.pipeInput(KEY, ok("prod", "apps", "a: 1\n", "a: 2\n"));
    driver.advanceWallClockTime(Duration.ofSeconds(30));
    assertTrue(reports.isEmpty());
    driver.advanceWallClockTime(Duration.ofSeconds(35));
    List<Report> out = reports.readValuesToList();
    assertEquals(1, out.size());
    assertEquals(List.of("prod/infra"), out.get(0).getMissing());
    assertNull(store().get(KEY));
    driver.advanceWallClockTime(Duration.ofMinutes(5));
    assertTrue(reports.isEmpty(), "reported once");
  }

  /**
   * A result that arrives after its change was reported (here: after the timeout) opens a new,
   * plan-less progress entry; no second report is emitted, and the punctuator drops it with a
   * warning once it is older than the timeout. Nothing crashes.
   */
  @Test
  void lateResultAfterTheReportIsDroppedWithoutASecondReport() {
    plans.pipeInput(KEY, twoPairs());
    renders.pipeInput(KEY, ok("prod", "apps", "a: 1\n", "a: 2\n"));
    driver.advanceWallClockTime(Duration.ofSeconds(65));
    assertEquals(List.of("prod/infra"), reports.readValuesToList().get(0).getMissing());
    renders.pipeInput(KEY, ok("prod", "infra", "b: 1\n", "b: 2\n"));
    assertTrue(reports.isEmpty(), "no report without the plan");
    assertNull(store().get(KEY).getPlan());
    driver.advanceWallClockTime(Duration.ofSeconds(65));
    assertTrue(reports.isEmpty(), "the late result does not produce another report");
    assertNull(store().get(KEY), "dropped after the timeout");
  }

  @Test
  void reportUsesTheConfiguredContextAndMarksMoves() {
    driver.close();
    driver = new TopologyTestDriver(DifferTopology.build(DifferOptions.defaults()
        .withDiff(dev.foresight.differ.DiffSettings.defaults().withContext(0))),
        DifferStreams.config("dummy:9092", "differ-test", stateDir), Instant.parse("2026-01-01T00:00:00Z"));
    plans = driver.createInputTopic(Topics.RENDER_PLANS.name(), Serdes.String().serializer(),
        Topics.RENDER_PLANS.valueSerde().serializer());
    renders = driver.createInputTopic(Topics.RENDERS.name(), Serdes.String().serializer(),
        Topics.RENDERS.valueSerde().serializer());
    reports = driver.createOutputTopic(Topics.REPORTS.name(), Serdes.String().deserializer(),
        Topics.REPORTS.valueSerde().deserializer());
    String cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: \"1\"\n  b: \"2\"\n";
    plans.pipeInput(KEY, twoPairs());
    renders.pipeInput(KEY, ok("prod", "infra", cm, ""));
    renders.pipeInput(KEY, ok("prod", "apps", "", cm.replace("b: \"2\"", "b: \"3\"")));
    Report report = reports.readValuesToList().get(0);
    var apps = report.getProfiles().get(1).getKustomizations().get(0).getObjects().get(0);
    assertEquals("prod/infra", apps.getMovedFrom());
    assertEquals("--- base/prod/infra/ConfigMap/x\n+++ head/prod/apps/ConfigMap/x\n@@ -7,1 +7,1 @@\n"
        + "-  b: \"2\"\n+  b: \"3\"\n", apps.getDiff());
    assertEquals("prod/apps", report.getProfiles().get(1).getKustomizations().get(1).getObjects().get(0).getMovedTo());
  }

  @Test
  void resultsWithoutPlanAreDroppedAfterTimeout() {
    renders.pipeInput(KEY, ok("prod", "apps", "a: 1\n", "a: 2\n"));
    driver.advanceWallClockTime(Duration.ofMinutes(2));
    assertTrue(reports.isEmpty());
    assertNull(store().get(KEY));
  }

  @Test
  void failedPlanIsReportedImmediately() {
    plans.pipeInput(KEY, Fixtures.failedPlan("no such commit"));
    List<Report> out = reports.readValuesToList();
    assertEquals(1, out.size());
    assertEquals("no such commit", out.get(0).getError());
    assertEquals(List.of(), out.get(0).getProfiles());
  }

  @Test
  void planWithNothingToRenderIsReportedImmediately() {
    plans.pipeInput(KEY, plan(skip("prod", "apps"), skip("dev", "apps")));
    List<Report> out = reports.readValuesToList();
    assertEquals(1, out.size());
    assertEquals(List.of("dev", "prod"), out.get(0).getProfiles().stream().map(p -> p.getName()).toList());
  }

  private KeyValueStore<String, ChangeProgress> store() {
    return driver.getKeyValueStore(DifferTopology.PROGRESS_STORE);
  }
}
