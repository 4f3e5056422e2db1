package dev.foresight.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.app.Foresight;
import dev.foresight.app.SampleEvents;
import dev.foresight.app.broker.EmbeddedKafka;
import dev.foresight.app.broker.TopicProvisioner;
import dev.foresight.app.sample.SampleRepository;
import dev.foresight.schema.Topic;
import dev.foresight.schema.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code foresight demo} and {@code foresight up} with {@code --bootstrap-servers}: they use the
 * given cluster (a broker this test starts, with no topics) instead of starting their own, create
 * the pipeline's topics there, and run the stages against it. The demo refuses a cluster where
 * Foresight runs: its stages would join that pipeline.
 */
class ExistingClusterIT {

  @TempDir Path dir;
  private EmbeddedKafka cluster;
  private final PrintStream originalOut = System.out;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @BeforeEach
  void startCluster() throws Exception {
    cluster = EmbeddedKafka.start(dir.resolve("cluster"), 0);
    try (Admin admin = admin()) {
      assertEquals(List.of(), List.copyOf(admin.listTopics().names().get()), "the cluster starts without topics");
    }
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void stopCluster() {
    System.setOut(originalOut);
    cluster.close();
  }

  @Test
  void demoRunsOnTheGivenClusterWithoutABrokerOfItsOwn() throws Exception {
    Path data = dir.resolve("demo");
    // --verbose: the demo would otherwise turn the dev.foresight loggers down for the whole JVM
    int code = Foresight.run("demo", "--bootstrap-servers", cluster.bootstrapServers(), "--data-dir", data.toString(),
        "--timeout", "120", "--verbose");
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, printed);

    assertTrue(printed.contains("existing Kafka at " + cluster.bootstrapServers()), printed);
    assertFalse(Files.exists(data.resolve("kafka")), "the demo started a broker of its own in " + data.resolve("kafka"));
    List<String> reports = printed.lines().map(String::strip).filter(l -> l.startsWith("report: ")).toList();
    assertEquals(5, reports.size(), "one report per sample change: " + printed);
    for (String report : reports) {
      Path markdown = Path.of(report.substring("report: ".length()).replaceAll("\\s+\\(.*\\)$", ""));
      assertTrue(markdown.startsWith(data.resolve("archive")) && Files.isRegularFile(markdown), report);
    }
    assertTopicsProvisioned();
  }

  @Test
  void upProvisionsTheGivenClusterAndItsStagesReportAChangeSentThere() throws Exception {
    Path data = dir.resolve("up");
    SampleRepository.Sample sample = SampleRepository.create(dir.resolve("sample"));
    Path events = SampleEvents.write(sample, dir.resolve("pushes.jsonl"));
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> up = thread.submit(() -> Foresight.run("up", "--bootstrap-servers", cluster.bootstrapServers(),
          "--data-dir", data.toString(), "--webhook-port", "0", "--workers", "1"));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!out.toString(StandardCharsets.UTF_8).contains("foresight is up") && !up.isDone()
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      String started = out.toString(StandardCharsets.UTF_8);
      assertTrue(started.contains("foresight is up: Kafka " + cluster.bootstrapServers() + ", archive"), started);
      assertFalse(started.contains("(embedded)"), started);
      assertFalse(Files.exists(data.resolve("kafka")), "up started a broker of its own in " + data.resolve("kafka"));
      assertTopicsProvisioned();

      // The stages up runs are the ones consuming the given cluster: a change sent there is reported.
      assertEquals(0, Foresight.run("replay", "--events", events.toString(), "--repo", sample.path().toString(),
          "--limit", "1", "--bootstrap-servers", cluster.bootstrapServers(), "--wait", "60"),
          out.toString(StandardCharsets.UTF_8));
      String id = SampleEvents.changeId(sample.path(), sample.refUpdates().get(0));
      try (var archived = Files.walk(data.resolve("archive"))) {
        assertTrue(archived.anyMatch(f -> f.getFileName().toString().equals(id + ".md")),
            "up's publisher archived the change under " + data.resolve("archive"));
      }

      thread.shutdownNow(); // interrupts up: it closes its stages and returns
      assertEquals(0, up.get(30, TimeUnit.SECONDS), out.toString(StandardCharsets.UTF_8));
      assertTrue(out.toString(StandardCharsets.UTF_8).contains("foresight stopped"));
    } finally {
      thread.shutdownNow();
      assertTrue(thread.awaitTermination(30, TimeUnit.SECONDS), "up did not stop when interrupted");
    }
  }

  @Test
  void demoRefusesAClusterWhereForesightHasRecordsAndLeavesThemUnread() throws Exception {
    // A Foresight pipeline's topics with a change in them that its renderers have not taken yet.
    TopicProvisioner.ensureTopics(cluster.bootstrapServers(), Topics.DEFAULT_PARTITIONS, (short) 1);
    SampleRepository.Sample sample = SampleRepository.create(dir.resolve("sample"));
    Path events = SampleEvents.write(sample, dir.resolve("pushes.jsonl"));
    assertEquals(0, Foresight.run("replay", "--events", events.toString(), "--repo", sample.path().toString(),
        "--limit", "1", "--bootstrap-servers", cluster.bootstrapServers()), out.toString(StandardCharsets.UTF_8));

    Path data = dir.resolve("demo");
    String said = refusedDemo(data);
    assertTrue(said.contains("records in " + Topics.CHANGES.name() + " (1)"), said);
    try (Admin admin = admin()) {
      assertEquals(List.of(), List.copyOf(admin.listGroups().all().get()),
          "the demo started stages (their groups) on the cluster it refused");
    }
  }

  @Test
  void demoRefusesAClusterWhereForesightHasGroups() throws Exception {
    // The renderers of a pipeline that has consumed its changes (empty topics, committed offsets).
    TopicProvisioner.ensureTopics(cluster.bootstrapServers(), Topics.DEFAULT_PARTITIONS, (short) 1);
    try (Admin admin = admin()) {
      admin.alterConsumerGroupOffsets("foresight-renderer-planner",
          Map.of(new TopicPartition(Topics.CHANGES.name(), 0), new OffsetAndMetadata(0))).all().get();
    }
    String said = refusedDemo(dir.resolve("demo"));
    assertTrue(said.contains("groups foresight-renderer-planner"), said);
    assertFalse(said.contains("records in"), said);
  }

  /** Runs the demo on the cluster, checks it refused before doing anything, and returns what it said. */
  private String refusedDemo(Path data) {
    PrintStream err = System.err;
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int code;
    try {
      System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
      code = Foresight.run("demo", "--bootstrap-servers", cluster.bootstrapServers(), "--data-dir", data.toString(),
          "--timeout", "60", "--verbose");
    } finally {
      System.setErr(err);
    }
    String said = errors.toString(StandardCharsets.UTF_8);
    assertEquals(2, code, said + out.toString(StandardCharsets.UTF_8));
    assertTrue(said.startsWith("foresight demo: refusing to run on " + cluster.bootstrapServers()
        + ": Foresight has been used there"), said);
    assertTrue(said.contains("without --bootstrap-servers") && said.contains("dedicated, empty cluster"), said);
    assertFalse(Files.exists(data), "the demo set up " + data + " before refusing");
    return said;
  }

  /** Every topic of the pipeline on the given cluster, with its partitions and configs (not auto-created). */
  private void assertTopicsProvisioned() throws Exception {
    try (Admin admin = admin()) {
      List<String> names = Topics.ALL.stream().map(Topic::name).toList();
      assertTrue(admin.listTopics().names().get().containsAll(names), "topics on the given cluster: "
          + admin.listTopics().names().get());
      Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
      described.values().forEach(d -> assertEquals(Topics.DEFAULT_PARTITIONS, d.partitions().size(), d.name()));
      List<ConfigResource> resources = names.stream()
          .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
      Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
      for (Topic<?> topic : Topics.ALL) {
        Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
        assertEquals(topic.configs().get("cleanup.policy"), config.get("cleanup.policy").value(), topic.name());
      }
    }
  }

  private Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
  }
}
