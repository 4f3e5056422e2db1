package dev.foresight.app.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.ChangeKind;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.Topic;
import dev.foresight.schema.Topics;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {

  private static final String REPO = "https://github.com/example/gitops.git";

  @TempDir Path dataDir;

  @Test
  void startsProvisionsRoundTripsAndKeepsDataAcrossRestart() throws Exception {
    ChangeRequested change = change();
    long started = System.nanoTime();
    EmbeddedKafka first = EmbeddedKafka.start(dataDir, 0);
    try (EmbeddedKafka kafka = first) {
      System.out.printf("embedded Kafka ready in %d ms%n", (System.nanoTime() - started) / 1_000_000);
      String bootstrap = kafka.bootstrapServers();
      TopicProvisioner.ensureTopics(bootstrap, Topics.DEFAULT_PARTITIONS, (short) 1);
      TopicProvisioner.ensureTopics(bootstrap, Topics.DEFAULT_PARTITIONS, (short) 1); // idempotent

      try (Admin admin = admin(bootstrap)) {
        Set<String> names = admin.listTopics().names().get();
        for (Topic<?> topic : Topics.ALL) {
          assertTrue(names.contains(topic.name()), topic.name() + " missing from " + names);
        }
        Map<String, TopicDescription> described = admin.describeTopics(
            Topics.ALL.stream().map(Topic::name).toList()).allTopicNames().get();
        described.values().forEach(d -> assertEquals(Topics.DEFAULT_PARTITIONS, d.partitions().size(), d.name()));
        assertTopicConfigs(admin);
      }

      try (KafkaProducer<String, ChangeRequested> producer = producer(bootstrap, null)) {
        producer.send(new ProducerRecord<>(Topics.CHANGES.name(), change.getRepo(), change)).get();
      }
      assertEquals(List.of(change), consume(bootstrap, Topics.CHANGES, 1));

      try (KafkaProducer<String, ChangeRequested> producer = producer(bootstrap, "it-tx")) {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(Topics.CHANGES.name(), change.getRepo(), change));
        producer.commitTransaction();
      }
      assertEquals(2, consume(bootstrap, Topics.CHANGES, 2).size());
      long closing = System.nanoTime();
      first.close();
      System.out.printf("embedded Kafka stopped in %d ms%n", (System.nanoTime() - closing) / 1_000_000);
    }

    long restarted = System.nanoTime();
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
      System.out.printf("embedded Kafka restarted in %d ms%n", (System.nanoTime() - restarted) / 1_000_000);
      List<ChangeRequested> kept = consume(kafka.bootstrapServers(), Topics.CHANGES, 2);
      assertEquals(List.of(change, change), kept);
    }
  }

  @Test
  void namesThePortAndTheOptionWhenThePortIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      BrokerStartException e = assertThrows(BrokerStartException.class,
          () -> EmbeddedKafka.start(dataDir, taken.getLocalPort()));
      assertTrue(e.getMessage().contains(String.valueOf(taken.getLocalPort())), e.getMessage());
      assertTrue(e.getMessage().contains("--port"), e.getMessage());
    }
  }

  /** The table of docs/topics.md (and DESIGN.md's compacted reports and publications), as the broker has it. */
  private static void assertTopicConfigs(Admin admin) throws Exception {
    String sevenDays = String.valueOf(7L * 24 * 60 * 60 * 1000);
    Map<String, String> deleteAfterSevenDays = Map.of("cleanup.policy", "delete", "retention.ms", sevenDays);
    Map<String, String> compacted = Map.of("cleanup.policy", "compact");
    Map<String, Map<String, String>> expected = new LinkedHashMap<>();
    expected.put("foresight.changes.v1", deleteAfterSevenDays);
    expected.put("foresight.render-plans.v1", deleteAfterSevenDays);
    expected.put("foresight.render-jobs.v1", deleteAfterSevenDays);
    expected.put("foresight.renders.v1", deleteAfterSevenDays);
    expected.put("foresight.reports.v1", compacted);
    expected.put("foresight.publications.v1", compacted);
    expected.put("foresight.dlq.v1", deleteAfterSevenDays);
    assertEquals(expected.keySet(), Topics.ALL.stream().map(Topic::name).collect(Collectors.toSet()),
        "the topics of docs/topics.md");
    List<ConfigResource> resources = expected.keySet().stream()
        .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
    Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
    for (ConfigResource resource : resources) {
      Config config = configs.get(resource);
      Map<String, String> want = new LinkedHashMap<>(expected.get(resource.name()));
      want.put("compression.type", "zstd"); // all topics: zstd, records up to 8 MB
      want.put("max.message.bytes", String.valueOf(8 * 1024 * 1024));
      want.forEach((key, value) -> assertEquals(value, config.get(key).value(), resource.name() + " " + key));
    }
  }

  private static ChangeRequested change() {
    String base = "1".repeat(40);
    String head = "2".repeat(40);
    return ChangeRequested.newBuilder()
        .setChangeId(ChangeIds.of(REPO, "refs/heads/master", base, head))
        .setRepo(REPO)
        .setKind(ChangeKind.PUSH)
        .setRef("refs/heads/master")
        .setBase(base)
        .setHead(head)
        .setSource("cli")
        .setRequestedAt(java.time.Instant.ofEpochMilli(1_700_000_000_000L))
        .build();
  }

  private static Admin admin(String bootstrap) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  private static KafkaProducer<String, ChangeRequested> producer(String bootstrap, String transactionalId) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    if (transactionalId != null) {
      props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    }
    return new KafkaProducer<>(props, new StringSerializer(), Topics.CHANGES.valueSerde().serializer());
  }

  private static <V extends org.apache.avro.specific.SpecificRecord> List<V> consume(
      String bootstrap, Topic<V> topic, int expected) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<V> values = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), topic.valueSerde().deserializer())) {
      consumer.subscribe(List.of(topic.name()));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
    }
    return values.stream().collect(Collectors.toList());
  }
}
