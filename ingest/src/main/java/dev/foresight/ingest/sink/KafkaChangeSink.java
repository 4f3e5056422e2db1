package dev.foresight.ingest.sink;

import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes changes to {@code foresight.changes.v1}, key = repo, with an idempotent {@code acks=all}
 * producer, and waits for the broker's acknowledgement (at most {@link #DEFAULT_TIMEOUT}, so a
 * webhook is answered within GitHub's 10 s).
 */
public final class KafkaChangeSink implements ChangeSink, AutoCloseable {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(8);

  private final Producer<String, byte[]> producer;
  private final Duration timeout;

  /** A producer for {@code bootstrapServers} with the defaults of {@link #producerConfig}. */
  public KafkaChangeSink(String bootstrapServers) {
    this(producerConfig(bootstrapServers, Map.of()));
  }

  /** A producer built from {@code config} (see {@link #producerConfig}). */
  public KafkaChangeSink(Map<String, Object> config) {
    this(new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()), DEFAULT_TIMEOUT);
  }

  /** Wraps an existing producer (a {@code MockProducer} in tests); closes it on {@link #close()}. */
  public KafkaChangeSink(Producer<String, byte[]> producer, Duration timeout) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * Producer settings: acks=all, idempotence, bounded blocking and delivery time; {@code extra}
   * overrides them.
   */
  public static Map<String, Object> producerConfig(String bootstrapServers, Map<String, Object> extra) {
    Objects.requireNonNull(bootstrapServers, "bootstrap servers");
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrap servers are empty: give host:port of a Kafka broker");
    }
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "foresight-ingest");
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 7_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 8_000);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.putAll(extra);
    return config;
  }

  @Override
  public void submit(ChangeRequested change) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    byte[] value = Topics.CHANGES.valueSerde().encode(change);
    Future<RecordMetadata> sent =
        producer.send(new ProducerRecord<>(Topics.CHANGES.name(), change.getRepo(), value));
    try {
      sent.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new TimeoutException(
          "change " + change.getChangeId() + " not acknowledged by Kafka within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException(
          "change " + change.getChangeId() + " not written to " + Topics.CHANGES.name() + ": " + cause.getMessage(), cause);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
