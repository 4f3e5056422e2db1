package dev.foresight.differ.stream;

import dev.foresight.schema.DeadLetter;
import dev.foresight.schema.Topics;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link DeadLetter} records the differ's exception handlers hand back to Kafka
 * Streams, which writes them with its own producer (under {@code exactly_once_v2}, in the same
 * transaction as the input offsets). The value is the original bytes as read: render results carry
 * masked output only, so no Secret value is in clear there.
 */
final class DeadLetters {

  static final String STAGE = "differ";

  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

  private final String topic;
  private final long maxValueBytes;

  private DeadLetters(String topic, long maxValueBytes) {
    this.topic = topic;
    this.maxValueBytes = maxValueBytes;
  }

  /** The topic comes from {@value StreamsConfig#ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG}. */
  static DeadLetters configured(Map<String, ?> configs) {
    Object name = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
    if (name == null || name.toString().isBlank()) {
      throw new ConfigException("the differ's dead-letter handlers need "
          + StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG + " (normally " + Topics.DLQ.name()
          + "); build the Streams configuration with DifferStreams.config(...)");
    }
    return new DeadLetters(name.toString(), DifferStreams.maxValueBytes(configs) / 2);
  }

  /**
   * One letter keyed by the original key; logs where the record came from and why it was parked. A
   * value over half of what the producer may send is left out (the reason says so), so that the
   * letter itself can always be sent.
   */
  ProducerRecord<byte[], byte[]> letter(String source, int partition, long offset, byte[] key, byte[] value,
      String reason, Exception error) {
    if (value != null && value.length > maxValueBytes) {
      reason = reason + " (the value, " + value.length + " bytes, is left out of this letter: over " + maxValueBytes
          + " bytes; read it from " + source + "-" + partition + (offset < 0 ? "" : "@" + offset) + ")";
      value = null;
    }
    log.warn("{}: {}-{}@{} sent to {}: {}", STAGE, source, partition, offset, topic, reason);
    DeadLetter letter = DeadLetter.newBuilder()
        .setStage(STAGE)
        .setTopic(source)
        .setPartition(partition)
        .setOffset(offset)
        .setKey(key == null ? null : ByteBuffer.wrap(key))
        .setValue(value == null ? null : ByteBuffer.wrap(value))
        .setReason(reason)
        .setErrorClass(error.getClass().getName())
        .setFailedAt(Instant.now())
        .build();
    return new ProducerRecord<>(topic, key, Topics.DLQ.valueSerde().encode(letter));
  }

  static String message(Throwable error) {
    return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
  }
}
