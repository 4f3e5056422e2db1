package dev.foresight.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.foresight.app.GeneratedRepos;
import dev.foresight.app.runtime.PublicationWatcher;
import dev.foresight.differ.Differ;
import dev.foresight.ingest.replay.ReplayEvents;
import dev.foresight.ingest.sink.KafkaChangeSink;
import dev.foresight.publisher.JsonView;
import dev.foresight.renderer.secret.MaskKey;
import dev.foresight.renderer.secret.SecretMasker;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.DeadLetter;
import dev.foresight.schema.KustomizationReport;
import dev.foresight.schema.KustomizationStatus;
import dev.foresight.schema.ObjectDiff;
import dev.foresight.schema.PairAction;
import dev.foresight.schema.PlannedPair;
import dev.foresight.schema.ProfileReport;
import dev.foresight.schema.RenderPlan;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.RenderStatus;
import dev.foresight.schema.RenderedSide;
import dev.foresight.schema.Report;
import dev.foresight.schema.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton end to end on a real in-JVM Kafka broker: ten ref updates of a generated
 * GitOps repository go in through ingest's Kafka sink, flow through renderer, differ and
 * publisher, and come out as exactly ten reports whose changed pairs and diff texts equal what
 * {@code kubectl kustomize} at both commits and a line diff give.
 */
class PipelineIT {

  static final int CHANGES = 10;

  @TempDir static Path dir;
  static InJvmPipeline pipeline;
  static Path repo;
  static List<ChangeRequested> changes;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(KubectlOracle.kubectlAvailable(), "kubectl is not on PATH: PipelineIT needs it as the oracle; skipped");
    Path fixture = GeneratedRepos.generate(dir.resolve("fixture"), "PipelineIT", "--commits", "12");
    repo = fixture.resolve("infra");
    changes = ReplayEvents.read(fixture.resolve("pushes.jsonl"), repo.toString()).subList(0, CHANGES);

    pipeline = InJvmPipeline.start(dir);
  }

  @AfterAll
  static void stop() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  @Test
  void tenRefUpdatesGiveTenReportsEqualToKubectlAndALineDiff() throws Exception {
    // A record that is not a ChangeRequested goes first: it must land in the DLQ, not stop the renderer.
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers()), new StringSerializer(),
        new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(Topics.CHANGES.name(), repo.toString(), "not avro".getBytes())).get();
    }
    Set<String> ids = new LinkedHashSet<>();
    try (KafkaChangeSink sink = new KafkaChangeSink(pipeline.bootstrapServers())) {
      for (ChangeRequested change : changes) {
        sink.submit(change);
        ids.add(change.getChangeId());
      }
    }
    assertEquals(CHANGES, ids.size(), "the ten ref updates are ten distinct changes");

    Map<String, PublicationWatcher.Published> published;
    int reportRecords;
    try (PublicationWatcher watcher = new PublicationWatcher(pipeline.bootstrapServers())) {
      published = watcher.await(ids, Duration.ofMinutes(8), (r, p) -> { });
      watcher.drain(Duration.ofSeconds(3)); // a duplicate report would arrive right behind the first
      reportRecords = watcher.reportRecords();
    }
    assertEquals(ids, new LinkedHashSet<>(published.keySet()), "one published report per change");
    assertEquals(CHANGES, reportRecords, "exactly ten reports on " + Topics.REPORTS.name());

    SecretMasker masker = new SecretMasker(MaskKey.load(dir.resolve("data")));
    KubectlOracle oracle = new KubectlOracle(repo, dir.resolve("oracle"), masker);
    List<DeadLetter> dead = deadLetters();
    assertEquals(1, dead.size(), "the broken record, and only it, is dead-lettered: " + dead);
    assertEquals("renderer", dead.get(0).getStage());
    assertEquals(Topics.CHANGES.name(), dead.get(0).getTopic());
    assertTrue(dead.get(0).getReason().contains("ChangeRequested"), dead.get(0).getReason());

    for (ChangeRequested change : changes) {
      Report report = published.get(change.getChangeId()).report();
      assertNull(report.getError(), "report error for " + change.getRef());
      assertEquals(List.of(), report.getMissing(), "every pair rendered");
      Map<String, KubectlOracle.Rendered> base = oracle.render(change.getBase());
      Map<String, KubectlOracle.Rendered> head = oracle.render(change.getHead());

      // The oracle: the report the differ builds from kubectl's renders, pairs in the report's order.
      List<String> order = new ArrayList<>();
      for (ProfileReport profile : report.getProfiles()) {
        for (KustomizationReport ks : profile.getKustomizations()) {
          assertTrue(ks.getStatus() == KustomizationStatus.OK || ks.getStatus() == KustomizationStatus.SKIPPED,
              profile.getName() + "/" + ks.getName() + ": " + ks.getError());
          order.add(profile.getName() + "/" + ks.getName());
        }
      }
      for (String pair : union(base.keySet(), head.keySet())) {
        if (!order.contains(pair)) {
          order.add(pair);
        }
      }
      List<PlannedPair> pairs = new ArrayList<>();
      List<RenderResult> oracleResults = new ArrayList<>();
      for (String pair : order) {
        String[] parts = pair.split("/", 2);
        pairs.add(new PlannedPair(parts[0], parts[1], "oracle", null, PairAction.RENDER, null));
        oracleResults.add(new RenderResult(change.getChangeId(), parts[0], parts[1], "oracle", RenderStatus.OK, null,
            new RenderedSide(null, text(base.get(pair)), 0), new RenderedSide(null, text(head.get(pair)), 0),
            "kubectl", 0L, new ArrayList<>(), 0, new ArrayList<>()));
      }
      Report oracleReport = Differ.report(new RenderPlan(change.getChangeId(), change, pairs, null,
          report.getCreatedAt(), null), oracleResults, report.getCreatedAt());
      Map<String, List<ObjectDiff>> expected = objectsByPair(oracleReport);
      Map<String, List<ObjectDiff>> actual = objectsByPair(report);
      assertEquals(expected.keySet(), actual.keySet(), "changed pairs of " + change.getKind() + " "
          + change.getBase().substring(0, 7) + ".." + change.getHead().substring(0, 7));
      assertEquals(expected, actual, "object diffs");
    }
    assertFalse(published.values().stream().allMatch(p -> p.report().getProfiles().stream()
        .flatMap(pr -> pr.getKustomizations().stream()).noneMatch(Differ::changed)),
        "the replayed history changes something");
    // gitops-repo-gen.py writes Secrets whose values start with s3cr3t-: none may leave the renderer.
    for (PublicationWatcher.Published p : published.values()) {
      String json = JsonView.render(p.report());
      assertFalse(json.contains("s3cr3t-"), "a Secret value in clear in report " + p.report().getChangeId());
    }
    assertTrue(published.values().stream().anyMatch(p -> JsonView.render(p.report()).contains("masked:")),
        "a Secret change shows as a masked change");
    for (PublicationWatcher.Published p : published.values()) {
      assertEquals(true, Files.exists(Path.of(p.publication().getLocation())), "archived " + p.publication());
    }
  }

  private static List<DeadLetter> deadLetters() {
    List<DeadLetter> letters = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "pipeline-it-dlq", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
        new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.DLQ.name()));
      long until = System.currentTimeMillis() + 5000;
      while (System.currentTimeMillis() < until) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> letters.add(Topics.DLQ.valueSerde().decode(r.value())));
      }
    }
    return letters;
  }

  /** {@code profile/ks} -> its object diffs, for the pairs where something differs. */
  private static Map<String, List<ObjectDiff>> objectsByPair(Report report) {
    Map<String, List<ObjectDiff>> out = new TreeMap<>();
    for (ProfileReport profile : report.getProfiles()) {
      for (KustomizationReport ks : profile.getKustomizations()) {
        if (Differ.changed(ks)) {
          out.put(profile.getName() + "/" + ks.getName(), ks.getObjects());
        }
      }
    }
    return out;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  private static String text(KubectlOracle.Rendered rendered) {
    return rendered == null ? "" : rendered.text();
  }
}
