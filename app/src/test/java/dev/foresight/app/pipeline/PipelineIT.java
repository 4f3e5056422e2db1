package dev.foresight.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.foresight.app.GeneratedRepos;
import dev.foresight.app.runtime.PublicationWatcher;
import dev.foresight.ingest.replay.ReplayEvents;
import dev.foresight.ingest.sink.KafkaChangeSink;
import dev.foresight.publisher.JsonView;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.DeadLetter;
import dev.foresight.schema.KustomizationReport;
import dev.foresight.schema.KustomizationStatus;
import dev.foresight.schema.ProfileReport;
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
 * {@code kubectl kustomize} at both commits and a line diff give. The expected side uses nothing
 * of the product: {@link KubectlOracle} renders, {@link ExpectedChanges} splits and matches the
 * objects, {@link ReportCheck} and {@link HunkCheck} hold the report's pairs, objects, hunks and
 * diffstats against them.
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

    KubectlOracle oracle = new KubectlOracle(repo, dir.resolve("oracle"));
    List<DeadLetter> dead = deadLetters();
    assertEquals(1, dead.size(), "the broken record, and only it, is dead-lettered: " + dead);
    assertEquals("renderer", dead.get(0).getStage());
    assertEquals(Topics.CHANGES.name(), dead.get(0).getTopic());
    assertTrue(dead.get(0).getReason().contains("ChangeRequested"), dead.get(0).getReason());

    ReportCheck.Coverage checked = new ReportCheck.Coverage(0, 0, 0, 0, 0);
    for (ChangeRequested change : changes) {
      Report report = published.get(change.getChangeId()).report();
      String label = change.getKind() + " " + change.getRef() + " " + change.getBase().substring(0, 7) + ".."
          + change.getHead().substring(0, 7);
      assertNull(report.getError(), label + ": report error");
      assertEquals(List.of(), report.getMissing(), label + ": every pair rendered");
      for (ProfileReport profile : report.getProfiles()) {
        for (KustomizationReport ks : profile.getKustomizations()) {
          assertTrue(ks.getStatus() == KustomizationStatus.OK || ks.getStatus() == KustomizationStatus.SKIPPED,
              label + ": " + profile.getName() + "/" + ks.getName() + ": " + ks.getError());
        }
      }
      ExpectedChanges expected = new ExpectedChanges(oracle.render(change.getBase()), oracle.render(change.getHead()));
      checked = checked.plus(ReportCheck.verify(report, expected, label));
    }
    assertTrue(checked.patched() > 0 && checked.duplicates() > 0, "object diffs, duplicates among them, were"
        + " applied to kubectl's texts: " + checked);
    assertTrue(checked.secrets() > 0 && checked.secretValues() > 0, "Secrets were compared and their values looked"
        + " for in the reports: " + checked);
    assertFalse(published.values().stream().allMatch(p -> p.report().getProfiles().stream()
        .flatMap(pr -> pr.getKustomizations().stream()).allMatch(ks -> ks.getObjects().isEmpty())),
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
}
