package dev.foresight.differ.stream;

import dev.foresight.schema.Topics;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;

/** Kafka Streams configuration of the differ stage. */
public final class DifferStreams {

  /** Reports can be large; matches the topics' {@code max.message.bytes}. */
  static final int MAX_REQUEST_BYTES = 8 * 1024 * 1024;

  /** Room left under {@code max.request.size} for the key, headers and record overhead. */
  static final int HEADROOM_BYTES = 8 * 1024;

  private DifferStreams() {}

  /** The largest value the differ hands its producer, from the (Streams) configuration. */
  static long maxValueBytes(java.util.Map<String, ?> configs) {
    Object limit = configs.get(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
    long bytes = limit == null ? 1024 * 1024 : Long.parseLong(limit.toString());
    return Math.max(bytes / 2, bytes - HEADROOM_BYTES);
  }

  public static Properties config(String bootstrap, String appId, Path stateDir) {
    Properties props = new Properties();
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class.getName());
    props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), MAX_REQUEST_BYTES);
    props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "zstd");
    // A bad record becomes a DeadLetter (written in the Streams transaction), never a failed thread.
    props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.DLQ.name());
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, UnreadableRecords.class.getName());
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, FailedRecords.class.getName());
    props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, UnsendableRecords.class.getName());
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true); // no global stores; the 5.0 default
    return props;
  }
}
