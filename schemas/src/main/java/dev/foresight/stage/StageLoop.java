package dev.foresight.stage;

import dev.foresight.schema.DeadLetter;
import dev.foresight.schema.Topic;
import dev.foresight.schema.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A consume-transform-produce loop with exactly-once semantics inside Kafka: each polled batch is
 * handled, its outputs and its input offsets are committed in one transaction. A record that
 * cannot be decoded or handled goes to {@link Topics#DLQ} (in the same transaction) with the
 * reason, and the loop goes on.
 */
public final class StageLoop<V extends SpecificRecord> implements Runnable, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StageLoop.class);

  private final String stage;
  private final Topic<V> input;
  private final Handler<V> handler;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaProducer<byte[], byte[]> producer;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final CountDownLatch stopped = new CountDownLatch(1);

  public StageLoop(String stage, StageConfig config, Topic<V> input, Handler<V> handler) {
    this.stage = stage;
    this.input = input;
    this.handler = handler;
    Map<String, Object> consumerProps = new HashMap<>(config.clientProperties());
    consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerProps.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20);
    consumerProps.putIfAbsent(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 15 * 60 * 1000);
    consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    Map<String, Object> producerProps = new HashMap<>(config.clientProperties());
    producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.groupId() + "-" + UUID.randomUUID());
    producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerProps.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    producerProps.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
    producerProps.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    this.consumer = new KafkaConsumer<>(consumerProps);
    this.producer = new KafkaProducer<>(producerProps);
  }

  @Override
  public void run() {
    MDC.put("stage", stage);
    try {
      producer.initTransactions();
      consumer.subscribe(List.of(input.name()));
      log.info("{} stage consuming {}", stage, input.name());
      while (running.get()) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
        if (!records.isEmpty()) {
          processBatch(records);
        }
      }
    } catch (WakeupException e) {
      if (running.get()) {
        throw e;
      }
    } catch (RuntimeException e) {
      log.error("{} stage stopped: {}", stage, e.toString(), e);
      throw e;
    } finally {
      try {
        consumer.close(Duration.ofSeconds(5));
      } finally {
        producer.close(Duration.ofSeconds(5));
        stopped.countDown();
        MDC.remove("stage");
      }
    }
  }

  private void processBatch(ConsumerRecords<byte[], byte[]> records) {
    producer.beginTransaction();
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      for (ConsumerRecord<byte[], byte[]> record : records) {
        handleOne(record);
        offsets.put(new TopicPartition(record.topic(), record.partition()),
            new OffsetAndMetadata(record.offset() + 1));
      }
      producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
      producer.commitTransaction();
    } catch (KafkaException e) {
      // Fenced or broken transaction: abort, rewind to the last committed offsets and retry.
      log.warn("{} stage: transaction aborted ({}); the batch will be processed again", stage, e.toString());
      try {
        producer.abortTransaction();
      } catch (KafkaException abortFailure) {
        throw e;
      }
      rewind(records);
    }
  }

  private void rewind(ConsumerRecords<byte[], byte[]> records) {
    for (TopicPartition partition : records.partitions()) {
      OffsetAndMetadata committed = consumer.committed(java.util.Set.of(partition)).get(partition);
      consumer.seek(partition, committed == null ? records.records(partition).get(0).offset() : committed.offset());
    }
  }

  private void handleOne(ConsumerRecord<byte[], byte[]> record) {
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    List<ProducerRecord<byte[], byte[]>> outputs = new ArrayList<>();
    try {
      V value = input.valueSerde().decode(record.value() == null ? new byte[0] : record.value());
      handler.handle(key, value, new Emitter() {
        @Override
        public <R extends SpecificRecord> void send(Topic<R> topic, String outKey, R outValue) {
          outputs.add(new ProducerRecord<>(topic.name(),
              outKey == null ? null : outKey.getBytes(StandardCharsets.UTF_8),
              topic.valueSerde().encode(outValue)));
        }
      });
      outputs.forEach(producer::send);
    } catch (Exception e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      log.warn("{} stage: {}-{}@{} sent to {}: {}", stage, record.topic(), record.partition(),
          record.offset(), Topics.DLQ.name(), reason);
      DeadLetter letter = DeadLetter.newBuilder()
          .setStage(stage)
          .setTopic(record.topic())
          .setPartition(record.partition())
          .setOffset(record.offset())
          .setKey(record.key() == null ? null : ByteBuffer.wrap(record.key()))
          .setValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
          .setReason(reason)
          .setErrorClass(e.getClass().getName())
          .setFailedAt(Instant.now())
          .build();
      producer.send(new ProducerRecord<>(Topics.DLQ.name(), record.key(), Topics.DLQ.valueSerde().encode(letter)));
    }
  }

  /** Stops the loop after the current batch and waits for it to release its clients. */
  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
    try {
      stopped.await(Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
