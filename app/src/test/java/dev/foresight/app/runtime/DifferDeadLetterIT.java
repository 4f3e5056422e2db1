package dev.foresight.app.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.app.broker.EmbeddedKafka;
import dev.foresight.app.broker.TopicProvisioner;
import dev.foresight.differ.stream.DifferOptions;
import dev.foresight.differ.stream.DifferStreams;
import dev.foresight.differ.stream.DifferTopology;
import dev.foresight.schema.ChangeKind;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.DeadLetter;
import dev.foresight.schema.PairAction;
import dev.foresight.schema.PlannedPair;
import dev.foresight.schema.RenderPlan;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.RenderStatus;
import dev.foresight.schema.RenderedSide;
import dev.foresight.schema.Report;
import dev.foresight.schema.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Poison pills on the in-JVM broker: garbage bytes, a schema no release wrote and a record keyed
 * under the wrong change id land on {@link Topics#DLQ} as {@link DeadLetter}s (read_committed: the
 * Streams transaction committed them, also when nothing follows), and the good change sent after
 * them is still reported once.
 */
class DifferDeadLetterIT {

  static final String CHANGE = "deadbeefdeadbeef";

  @TempDir Path dir;

  @Test
  void badRecordsBecomeDeadLettersAndTheGoodChangeAfterThemIsReported() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
      TopicProvisioner.ensureTopics(kafka.bootstrapServers(), 3, (short) 1);
      try (KafkaStreams streams = new KafkaStreams(DifferTopology.build(DifferOptions.defaults()),
          DifferStreams.config(kafka.bootstrapServers(), "differ-dlq-it", dir.resolve("state")));
          KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
              ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
              ConsumerConfig.GROUP_ID_CONFIG, "differ-dlq-it-reader",
              ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
              ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
              new ByteArrayDeserializer(), new ByteArrayDeserializer());
          KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
              ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
              new ByteArraySerializer(), new ByteArraySerializer())) {
        streams.start();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
        consumer.subscribe(List.of(Topics.REPORTS.name(), Topics.DLQ.name()));

        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        byte[] unknownSchema = Topics.RENDER_PLANS.valueSerde().encode(plan());
        for (int i = 2; i < 10; i++) {
          unknownSchema[i] = (byte) ~unknownSchema[i]; // the fingerprint after the C3 01 marker
        }
        byte[] misKeyed = Topics.RENDERS.valueSerde().encode(result("apps", "a: 2\n"));
        List<Report> reports = new ArrayList<>();
        List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
        RecordMetadata garbageAt = send(producer, Topics.RENDERS.name(), CHANGE, garbage);
        // Alone on the topics: its letter must still be committed, not wait for a good record.
        Awaitility.await("the letter of a bad record with nothing after it").atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100)).until(() -> {
              drain(consumer, Duration.ofMillis(200), reports, letters);
              return !letters.isEmpty();
            });
        RecordMetadata unknownAt = send(producer, Topics.RENDER_PLANS.name(), CHANGE, unknownSchema);
        RecordMetadata misKeyedAt = send(producer, Topics.RENDERS.name(), "another-key", misKeyed);
        send(producer, Topics.RENDER_PLANS.name(), CHANGE, Topics.RENDER_PLANS.valueSerde().encode(plan()));
        send(producer, Topics.RENDERS.name(), CHANGE, Topics.RENDERS.valueSerde().encode(result("apps", "a: 2\n")));
        send(producer, Topics.RENDERS.name(), CHANGE, Topics.RENDERS.valueSerde().encode(result("infra", "b: 2\n")));

        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
          drain(consumer, Duration.ofMillis(200), reports, letters);
          return !reports.isEmpty() && letters.size() >= 3;
        });
        drain(consumer, Duration.ofSeconds(2), reports, letters);

        assertEquals(1, reports.size(), "the good change is reported once");
        assertEquals(List.of(), reports.get(0).getMissing());
        assertEquals(2, reports.get(0).getStats().getObjectsChanged());
        assertEquals(3, letters.size(), "one letter per bad record");
        DeadLetter first = letterFrom(letters, garbageAt);
        assertArrayEquals(garbage, bytes(first.getValue()));
        assertTrue(first.getReason().startsWith("cannot decode the record: cannot decode RenderResult"), first.getReason());
        DeadLetter second = letterFrom(letters, unknownAt);
        assertArrayEquals(unknownSchema, bytes(second.getValue()));
        assertTrue(second.getReason().contains("Cannot resolve schema for fingerprint"), second.getReason());
        DeadLetter third = letterFrom(letters, misKeyedAt);
        assertArrayEquals(misKeyed, bytes(third.getValue()));
        assertTrue(third.getReason().contains("arrived with key another-key"), third.getReason());
        assertEquals(KafkaStreams.State.RUNNING, streams.state(), "no thread failed");
      }
    }
  }

  private static void drain(KafkaConsumer<byte[], byte[]> consumer, Duration wait, List<Report> reports,
      List<ConsumerRecord<byte[], byte[]>> letters) {
    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(wait)) {
      if (r.topic().equals(Topics.REPORTS.name())) {
        reports.add(Topics.REPORTS.valueSerde().decode(r.value()));
      } else {
        letters.add(r);
      }
    }
  }

  private static RecordMetadata send(KafkaProducer<byte[], byte[]> producer, String topic, String key, byte[] value)
      throws Exception {
    return producer.send(new ProducerRecord<>(topic, new StringSerializer().serialize(topic, key), value)).get();
  }

  /** The letter of the record at {@code at}, checked for the fields every letter carries. */
  private static DeadLetter letterFrom(List<ConsumerRecord<byte[], byte[]>> letters, RecordMetadata at) {
    DeadLetter found = null;
    for (ConsumerRecord<byte[], byte[]> r : letters) {
      DeadLetter letter = Topics.DLQ.valueSerde().decode(r.value());
      if (letter.getTopic().equals(at.topic()) && letter.getPartition() == at.partition()
          && letter.getOffset() == at.offset()) {
        assertArrayEquals(r.key(), bytes(letter.getKey()), "keyed by the original key");
        found = letter;
      }
    }
    assertTrue(found != null, "a letter for " + at + " in " + letters.size() + " letters");
    assertEquals("differ", found.getStage());
    return found;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }

  private static RenderPlan plan() {
    ChangeRequested change = ChangeRequested.newBuilder().setChangeId(CHANGE)
        .setRepo("https://git.example/infra.git").setKind(ChangeKind.PUSH).setRef("refs/heads/master")
        .setBase("1111111111111111111111111111111111111111").setHead("2222222222222222222222222222222222222222")
        .setSource("test").setRequestedAt(Instant.now()).build();
    return new RenderPlan(CHANGE, change, new ArrayList<>(List.of(
        new PlannedPair("prod", "apps", "flux-system", "./apps", PairAction.RENDER, null),
        new PlannedPair("prod", "infra", "flux-system", "./infra", PairAction.RENDER, null))),
        null, Instant.now(), null);
  }

  private static RenderResult result(String ks, String head) {
    return new RenderResult(CHANGE, "prod", ks, "flux-system", RenderStatus.OK, null,
        new RenderedSide(null, head.replace('2', '1'), 1), new RenderedSide(null, head, 1), "test", 1L,
        new ArrayList<>(), 0, new ArrayList<>());
  }
}
