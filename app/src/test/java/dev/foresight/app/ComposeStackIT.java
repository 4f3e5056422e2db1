package dev.foresight.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.foresight.app.broker.TopicProvisioner;
import dev.foresight.app.runtime.PublicationWatcher;
import dev.foresight.app.runtime.RuntimeOptions;
import dev.foresight.app.runtime.Services;
import dev.foresight.app.sample.SampleRepository;
import dev.foresight.ingest.sink.KafkaChangeSink;
import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.ChangeKind;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.Topic;
import dev.foresight.schema.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The pieces of docker-compose.yml against the same Kafka image: topics provisioned on a real
 * apache/kafka broker, a ChangeRequested round trip, and the sample's changes through all four
 * stages against that broker. Skipped, saying so, where no Docker engine
 * answers.
 */
@Tag("docker")
@EnabledIf(value = "dockerAvailable",
    disabledReason = "Docker is not available: skipping ComposeStackIT (it runs apache/kafka in a container)")
class ComposeStackIT {

  static final String KAFKA_IMAGE = "apache/kafka:4.3.1";

  private static KafkaContainer kafka;

  @BeforeAll
  static void startKafka() {
    kafka = new KafkaContainer(KAFKA_IMAGE)
        .withEnv("KAFKA_NUM_PARTITIONS", String.valueOf(Topics.DEFAULT_PARTITIONS))
        .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
        .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
    kafka.start();
  }

  @AfterAll
  static void stopKafka() {
    if (kafka != null) {
      kafka.stop();
    }
  }

  @Test
  void provisionsTopicsAndRoundTripsAChange() throws Exception {
    String bootstrap = kafka.getBootstrapServers();
    TopicProvisioner.ensureTopics(bootstrap, Topics.DEFAULT_PARTITIONS, (short) 1);
    TopicProvisioner.ensureTopics(bootstrap, Topics.DEFAULT_PARTITIONS, (short) 1);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      Set<String> names = admin.listTopics().names().get();
      Topics.ALL.stream().map(Topic::name).forEach(name -> assertTrue(names.contains(name), name));
    }

    ChangeRequested change = change();
    Properties producerProps = new Properties();
    producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (KafkaProducer<String, ChangeRequested> producer = new KafkaProducer<>(producerProps,
        new StringSerializer(), Topics.CHANGES.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(Topics.CHANGES.name(), change.getRepo(), change)).get();
    }

    Properties consumerProps = new Properties();
    consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "compose-stack-it");
    consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ChangeRequested> received = new ArrayList<>();
    try (KafkaConsumer<String, ChangeRequested> consumer = new KafkaConsumer<>(consumerProps,
        new StringDeserializer(), Topics.CHANGES.valueSerde().deserializer())) {
      consumer.subscribe(List.of(Topics.CHANGES.name()));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (received.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> received.add(r.value()));
      }
    }
    assertEquals(List.of(change), received);
  }

  @Test
  void theSampleChangesFlowThroughAllStagesOnTheContainer(@TempDir Path dir) throws Exception {
    assumeTrue(kubectlAvailable(), "kubectl is not on PATH: the renderer needs it; skipped");
    String bootstrap = kafka.getBootstrapServers();
    TopicProvisioner.ensureTopics(bootstrap, Topics.DEFAULT_PARTITIONS, (short) 1);
    SampleRepository.Sample sample = SampleRepository.create(dir.resolve("repo"));
    String repo = sample.path().toString();
    Set<String> ids = new LinkedHashSet<>();
    try (Services services = Services.startAll(new RuntimeOptions(bootstrap, dir.resolve("data"), 0, null, 2,
            Duration.ofMinutes(5)));
        KafkaChangeSink sink = new KafkaChangeSink(bootstrap);
        PublicationWatcher watcher = new PublicationWatcher(bootstrap)) {
      for (SampleRepository.RefUpdate update : sample.refUpdates()) {
        ChangeRequested change = ChangeRequested.newBuilder()
            .setChangeId(ChangeIds.of(repo, update.ref(), update.before(), update.after())).setRepo(repo)
            .setKind(update.kind().equals("promotion") ? ChangeKind.PROMOTION : ChangeKind.PUSH)
            .setRef(update.ref()).setBase(update.before()).setHead(update.after())
            .setSource("compose-stack-it").setRequestedAt(Instant.now()).build();
        sink.submit(change);
        ids.add(change.getChangeId());
      }
      var published = watcher.await(ids, Duration.ofMinutes(5), (r, p) -> { });
      assertEquals(ids, published.keySet());
      published.values().forEach(p -> assertNull(p.report().getError(), p.report().getChangeId()));
      assertTrue(published.values().stream().anyMatch(p -> p.report().getStats().getLinesAdded() > 0),
          "the sample's changes show in the reports");
    }
  }

  static boolean kubectlAvailable() {
    return Tools.kubectl();
  }

  private static ChangeRequested change() {
    String repo = "https://github.com/example/shop-gitops.git";
    String base = "a".repeat(40);
    String head = "b".repeat(40);
    return ChangeRequested.newBuilder()
        .setChangeId(ChangeIds.of(repo, "refs/heads/master", base, head))
        .setRepo(repo)
        .setKind(ChangeKind.PUSH)
        .setRef("refs/heads/master")
        .setBase(base)
        .setHead(head)
        .setSource("compose-stack-it")
        .setRequestedAt(Instant.ofEpochMilli(1_700_000_000_000L))
        .build();
  }

  static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }
}
