package dev.foresight.ingest.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.ChangeKind;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaChangeSinkTest {

  static final ChangeRequested CHANGE = ChangeRequested.newBuilder()
      .setChangeId(ChangeIds.of("repo", "refs/heads/master", ChangeIds.ZERO_SHA, "abc"))
      .setRepo("repo").setKind(ChangeKind.PUSH).setRef("refs/heads/master").setBase(ChangeIds.ZERO_SHA)
      .setHead("abc").setSource("test").setRequestedAt(Instant.ofEpochMilli(1_700_000_000_000L))
      .setDeliveryId("d").setPullRequest(null).build();

  private static MockProducer<String, byte[]> producer(boolean autoComplete) {
    return new MockProducer<>(autoComplete, null, new StringSerializer(), new ByteArraySerializer());
  }

  @Test
  void writesKeyedByRepoToTheChangesTopic() throws Exception {
    MockProducer<String, byte[]> producer = producer(true);
    try (KafkaChangeSink sink = new KafkaChangeSink(producer, Duration.ofSeconds(1))) {
      sink.submit(CHANGE);
    }
    assertEquals(1, producer.history().size());
    ProducerRecord<String, byte[]> record = producer.history().get(0);
    assertEquals(Topics.CHANGES.name(), record.topic());
    assertEquals("repo", record.key());
    assertEquals(CHANGE, Topics.CHANGES.valueSerde().decode(record.value()));
    assertTrue(producer.closed());
  }

  @Test
  void brokerErrorIsThrown() {
    MockProducer<String, byte[]> producer = producer(false);
    KafkaChangeSink sink = new KafkaChangeSink(producer, Duration.ofSeconds(5));
    new Thread(() -> {
      while (!producer.errorNext(new NotEnoughReplicasException("min.insync.replicas not met"))) {
        Thread.onSpinWait();
      }
    }).start();
    Exception e = assertThrows(IllegalStateException.class, () -> sink.submit(CHANGE));
    assertTrue(e.getMessage().contains("min.insync.replicas not met"), e.getMessage());
  }

  @Test
  void unacknowledgedWriteTimesOut() {
    KafkaChangeSink sink = new KafkaChangeSink(producer(false), Duration.ofMillis(100));
    Exception e = assertThrows(TimeoutException.class, () -> sink.submit(CHANGE));
    assertTrue(e.getMessage().contains("within 100 ms"), e.getMessage());
  }

  @Test
  void producerConfigIsDurable() {
    Map<String, Object> config = KafkaChangeSink.producerConfig("localhost:9092", Map.of(ProducerConfig.LINGER_MS_CONFIG, 5));
    assertEquals("all", config.get(ProducerConfig.ACKS_CONFIG));
    assertEquals(true, config.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
    assertEquals(5, config.get(ProducerConfig.LINGER_MS_CONFIG));
    assertThrows(IllegalArgumentException.class, () -> KafkaChangeSink.producerConfig(" ", Map.of()));
  }
}
