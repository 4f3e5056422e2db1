package dev.foresight.app.pipeline;

import dev.foresight.app.broker.EmbeddedKafka;
import dev.foresight.app.broker.TopicProvisioner;
import dev.foresight.app.runtime.RuntimeOptions;
import dev.foresight.app.runtime.Services;
import java.nio.file.Path;
import java.time.Duration;

/** The in-JVM KRaft broker with the topics provisioned and all four stages running, for ITs. */
final class InJvmPipeline implements AutoCloseable {

  private final EmbeddedKafka kafka;
  private Services services;

  private InJvmPipeline(EmbeddedKafka kafka, Services services) {
    this.kafka = kafka;
    this.services = services;
  }

  /** Broker data under {@code dir/kafka}, stage data (mirrors, cache, archive) under {@code dir/data}. */
  static InJvmPipeline start(Path dir) throws Exception {
    EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
    try {
      TopicProvisioner.ensureTopics(kafka.bootstrapServers(), 3, (short) 1);
      Services services = Services.startAll(new RuntimeOptions(kafka.bootstrapServers(), dir.resolve("data"), 0,
          null, 2, Duration.ofMinutes(5)));
      return new InJvmPipeline(kafka, services);
    } catch (Exception | Error e) {
      kafka.close();
      throw e;
    }
  }

  String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** Stops the stages (flushing their logs and files), keeping the broker up for inspection. */
  void stopStages() {
    if (services != null) {
      services.close();
      services = null;
    }
  }

  @Override
  public void close() {
    stopStages();
    kafka.close();
  }
}
