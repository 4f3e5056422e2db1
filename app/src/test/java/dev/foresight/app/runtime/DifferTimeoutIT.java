package dev.foresight.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.app.broker.EmbeddedKafka;
import dev.foresight.app.broker.TopicProvisioner;
import dev.foresight.differ.stream.DifferOptions;
import dev.foresight.differ.stream.DifferStreams;
import dev.foresight.differ.stream.DifferTopology;
import dev.foresight.schema.ChangeKind;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.PairAction;
import dev.foresight.schema.PlannedPair;
import dev.foresight.schema.RenderPlan;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.RenderStatus;
import dev.foresight.schema.RenderedSide;
import dev.foresight.schema.Report;
import dev.foresight.schema.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differ's timeout path on the in-JVM broker: a plan with two pairs, one result; the report
 * must come out (exactly_once_v2, read_committed) after the 2 s timeout with the other pair in
 * {@code missing}.
 */
class DifferTimeoutIT {

  static final String CHANGE = "feedfacefeedface";
  static final Duration TIMEOUT = Duration.ofSeconds(2);

  @TempDir Path dir;

  @Test
  void planWhoseOnePairNeverRendersIsReportedWithItMissingAfterTheTimeout() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
      TopicProvisioner.ensureTopics(kafka.bootstrapServers(), 3, (short) 1);
      DifferOptions options = DifferOptions.defaults().withTimeout(TIMEOUT)
          .withPunctuateInterval(Duration.ofMillis(200));
      try (KafkaStreams streams = new KafkaStreams(DifferTopology.build(options),
          DifferStreams.config(kafka.bootstrapServers(), "differ-timeout-it", dir.resolve("state")));
          KafkaConsumer<String, Report> consumer = new KafkaConsumer<>(Map.of(
              ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
              ConsumerConfig.GROUP_ID_CONFIG, "differ-timeout-it-reader",
              ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
              ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
              new StringDeserializer(), Topics.REPORTS.valueSerde().deserializer())) {
        streams.start();
        Awaitility.await().atMost(Duration.ofSeconds(60))
            .until(() -> streams.state() == KafkaStreams.State.RUNNING);
        consumer.subscribe(List.of(Topics.REPORTS.name()));
        ChangeRequested change = ChangeRequested.newBuilder().setChangeId(CHANGE)
            .setRepo("https://git.example/infra.git").setKind(ChangeKind.PUSH).setRef("refs/heads/master")
            .setBase("1111111111111111111111111111111111111111").setHead("2222222222222222222222222222222222222222")
            .setSource("test").setRequestedAt(Instant.now()).build();
        RenderPlan plan = new RenderPlan(CHANGE, change, new ArrayList<>(List.of(
            new PlannedPair("prod", "apps", "flux-system", "./apps", PairAction.RENDER, null),
            new PlannedPair("prod", "infra", "flux-system", "./infra", PairAction.RENDER, null))),
            null, Instant.now(), null);
        RenderResult apps = new RenderResult(CHANGE, "prod", "apps", "flux-system", RenderStatus.OK, null,
            new RenderedSide(null, "a: 1\n", 1), new RenderedSide(null, "a: 2\n", 1), "test", 1L,
            new ArrayList<>(), 0, new ArrayList<>());
        long sent;
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(),
            (topic, value) -> value instanceof RenderPlan p
                ? Topics.RENDER_PLANS.valueSerde().serializer().serialize(topic, p)
                : Topics.RENDERS.valueSerde().serializer().serialize(topic, (RenderResult) value))) {
          producer.send(new ProducerRecord<>(Topics.RENDER_PLANS.name(), CHANGE, plan)).get();
          producer.send(new ProducerRecord<>(Topics.RENDERS.name(), CHANGE, apps)).get();
          sent = System.nanoTime();
        }
        List<Report> reports = new CopyOnWriteArrayList<>();
        Awaitility.await().atMost(TIMEOUT.plusSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
          consumer.poll(Duration.ofMillis(200)).forEach(r -> reports.add(r.value()));
          return !reports.isEmpty();
        });
        Duration waited = Duration.ofNanos(System.nanoTime() - sent);
        assertEquals(1, reports.size());
        Report report = reports.get(0);
        assertEquals(CHANGE, report.getChangeId());
        assertEquals(List.of("prod/infra"), report.getMissing());
        assertEquals(1, report.getProfiles().get(0).getKustomizations().size(), "the rendered pair is reported");
        assertTrue(waited.compareTo(TIMEOUT.minusMillis(500)) >= 0, "not before the timeout: " + waited);
        consumer.poll(Duration.ofSeconds(2)).forEach(r -> reports.add(r.value()));
        assertEquals(1, reports.size(), "reported once");
      }
    }
  }
}
