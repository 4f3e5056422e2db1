package dev.foresight.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.app.broker.EmbeddedKafka;
import dev.foresight.app.broker.TopicProvisioner;
import dev.foresight.differ.stream.DifferOptions;
import dev.foresight.differ.stream.DifferStreams;
import dev.foresight.differ.stream.DifferTopology;
import dev.foresight.schema.ChangeKind;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.DeadLetter;
import dev.foresight.schema.KustomizationReport;
import dev.foresight.schema.PairAction;
import dev.foresight.schema.PlannedPair;
import dev.foresight.schema.RenderPlan;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.RenderStatus;
import dev.foresight.schema.RenderedSide;
import dev.foresight.schema.Report;
import dev.foresight.schema.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports over the differ producer's {@code max.request.size} (here lowered to 64 KiB) on a real
 * broker: one with a large diff is sent with its diff text cut (a warning says so), one still too
 * large without diff text (a huge render error) becomes a {@link DeadLetter} naming the change, its
 * size and the limit, and the next change on the same partition is still reported: the partition
 * is not stuck on the oversize report.
 */
class DifferOversizeReportIT {

  static final int PARTITIONS = 3;
  static final int LIMIT = 64 * 1024;
  static final String BIG = "b16b16b16b16b16b";

  @TempDir Path dir;

  @Test
  void oversizeReportsAreCutOrParkedAndTheNextChangeIsReported() throws Exception {
    String small = samePartitionAs(BIG, "5a11");
    String largeDiff = samePartitionAs(BIG, "d1ff");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
      TopicProvisioner.ensureTopics(kafka.bootstrapServers(), PARTITIONS, (short) 1);
      Properties config = DifferStreams.config(kafka.bootstrapServers(), "differ-oversize-it", dir.resolve("state"));
      config.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), LIMIT);
      try (KafkaStreams streams = new KafkaStreams(DifferTopology.build(DifferOptions.defaults()), config);
          KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
              ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
              ConsumerConfig.GROUP_ID_CONFIG, "differ-oversize-it-reader",
              ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
              ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
              new ByteArrayDeserializer(), new ByteArrayDeserializer());
          KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
              ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
              ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024),
              new ByteArraySerializer(), new ByteArraySerializer())) {
        streams.start();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
        consumer.subscribe(List.of(Topics.REPORTS.name(), Topics.DLQ.name()));

        send(producer, Topics.RENDER_PLANS.name(), largeDiff,
            Topics.RENDER_PLANS.valueSerde().encode(plan(largeDiff)));
        send(producer, Topics.RENDERS.name(), largeDiff,
            Topics.RENDERS.valueSerde().encode(result(largeDiff, 2 * LIMIT)));
        send(producer, Topics.RENDER_PLANS.name(), BIG, Topics.RENDER_PLANS.valueSerde().encode(plan(BIG)));
        send(producer, Topics.RENDERS.name(), BIG, Topics.RENDERS.valueSerde().encode(failed(BIG, 2 * LIMIT)));
        send(producer, Topics.RENDER_PLANS.name(), small, Topics.RENDER_PLANS.valueSerde().encode(plan(small)));
        send(producer, Topics.RENDERS.name(), small, Topics.RENDERS.valueSerde().encode(result(small, 100)));

        List<Report> reports = new ArrayList<>();
        List<DeadLetter> letters = new ArrayList<>();
        Awaitility.await("the small change's report after the oversize one").atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(100)).until(() -> {
              drain(consumer, Duration.ofMillis(200), reports, letters);
              return reports.size() >= 2 && !letters.isEmpty();
            });
        drain(consumer, Duration.ofSeconds(2), reports, letters);

        assertEquals(List.of(largeDiff, small), reports.stream().map(Report::getChangeId).toList(),
            "the next change on the partition is reported, the oversize one is not");
        KustomizationReport cut = reports.get(0).getProfiles().get(0).getKustomizations().get(0);
        assertEquals("", cut.getObjects().get(0).getDiff(), "diff text cut");
        assertEquals(1, cut.getStats().getObjectsChanged(), "stats kept");
        assertTrue(cut.getWarnings().get(0).startsWith("diff text left out"), cut.getWarnings().toString());
        assertTrue(reports.get(1).getProfiles().get(0).getKustomizations().get(0).getObjects().get(0).getDiff()
            .contains("+  k0: new-0-value"), "the small change keeps its diff");
        assertEquals(1, letters.size(), "one letter: " + letters);
        DeadLetter letter = letters.get(0);
        assertEquals("differ", letter.getStage());
        assertEquals(Topics.REPORTS.name(), letter.getTopic());
        assertEquals("dev.foresight.differ.stream.OversizeReport", letter.getErrorClass());
        assertTrue(letter.getReason().startsWith("the report of change " + BIG
            + " (https://git.example/infra.git#refs/heads/master) is "), letter.getReason());
        assertTrue(letter.getReason().contains("bytes even without its diff text, over the " + (LIMIT - 8 * 1024)
            + " bytes the differ may send"),
            letter.getReason());
        assertTrue(letter.getReason().contains("`foresight diff`"), letter.getReason());
        assertNull(letter.getValue(), "the report's bytes are not in the letter");
        assertEquals("https://git.example/infra.git#refs/heads/master",
            new String(letter.getKey().array(), StandardCharsets.UTF_8), "keyed as the report");
        assertEquals(KafkaStreams.State.RUNNING, streams.state(), "no thread failed");
      }
    }
  }

  /** A change id whose records land on the same partition as {@code changeId}'s. */
  private static String samePartitionAs(String changeId, String prefix) {
    int target = partition(changeId);
    for (int i = 0; ; i++) {
      String candidate = String.format("%s%012x", prefix, i);
      if (partition(candidate) == target) {
        return candidate;
      }
    }
  }

  private static int partition(String key) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
  }

  private static void drain(KafkaConsumer<byte[], byte[]> consumer, Duration wait, List<Report> reports,
      List<DeadLetter> letters) {
    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(wait)) {
      if (r.topic().equals(Topics.REPORTS.name())) {
        reports.add(Topics.REPORTS.valueSerde().decode(r.value()));
      } else {
        letters.add(Topics.DLQ.valueSerde().decode(r.value())); // every record there is a DeadLetter
      }
    }
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String key, byte[] value)
      throws Exception {
    producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value)).get();
  }

  private static RenderPlan plan(String changeId) {
    ChangeRequested change = ChangeRequested.newBuilder().setChangeId(changeId)
        .setRepo("https://git.example/infra.git").setKind(ChangeKind.PUSH).setRef("refs/heads/master")
        .setBase("1111111111111111111111111111111111111111").setHead("2222222222222222222222222222222222222222")
        .setSource("test").setRequestedAt(Instant.now()).build();
    return new RenderPlan(changeId, change, new ArrayList<>(List.of(
        new PlannedPair("prod", "apps", "flux-system", "./apps", PairAction.RENDER, null))), null, Instant.now(), null);
  }

  private static RenderResult failed(String changeId, int bytes) {
    return new RenderResult(changeId, "prod", "apps", "flux-system", RenderStatus.ERROR, "x".repeat(bytes),
        null, null, "test", 1L, new ArrayList<>(), 0, new ArrayList<>());
  }

  /** One ConfigMap whose every data line changes: a diff of about {@code bytes} per side. */
  private static RenderResult result(String changeId, int bytes) {
    StringBuilder base = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\n  namespace: apps\ndata:\n");
    StringBuilder head = new StringBuilder(base);
    for (int i = 0; base.length() < bytes; i++) {
      base.append("  k").append(i).append(": old-").append(i).append("-value\n");
      head.append("  k").append(i).append(": new-").append(i).append("-value\n");
    }
    return new RenderResult(changeId, "prod", "apps", "flux-system", RenderStatus.OK, null,
        new RenderedSide(null, base.toString(), 1), new RenderedSide(null, head.toString(), 1), "test", 1L,
        new ArrayList<>(), 0, new ArrayList<>());
  }
}
