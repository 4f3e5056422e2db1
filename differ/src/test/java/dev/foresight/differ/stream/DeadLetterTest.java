package dev.foresight.differ.stream;

import static dev.foresight.differ.Fixtures.ok;
import static dev.foresight.differ.Fixtures.plan;
import static dev.foresight.differ.Fixtures.render;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.differ.Fixtures;
import dev.foresight.schema.AvroSerde;
import dev.foresight.schema.ChangeProgress;
import dev.foresight.schema.DeadLetter;
import dev.foresight.schema.KustomizationReport;
import dev.foresight.schema.RenderPlan;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.Report;
import dev.foresight.schema.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input lands on {@link Topics#DLQ} as a {@link DeadLetter} and the differ goes on: after each
 * bad record a good change must still be reported.
 */
class DeadLetterTest {

  static final String KEY = Fixtures.CHANGE_ID;
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  static final String APP = "differ-test";

  @TempDir Path stateDir;
  TopologyTestDriver driver;
  TestInputTopic<String, RenderPlan> plans;
  TestInputTopic<String, RenderResult> renders;
  TestInputTopic<String, byte[]> rawRenders;
  TestOutputTopic<String, Report> reports;
  TestOutputTopic<String, DeadLetter> dlq;

  @BeforeEach
  void start() {
    DifferOptions options = DifferOptions.defaults().withTimeout(Duration.ofMinutes(1))
        .withPunctuateInterval(Duration.ofSeconds(5));
    driver = new TopologyTestDriver(DifferTopology.build(options), DifferStreams.config("dummy:9092", APP, stateDir),
        START);
    topics();
  }

  private void topics() {
    plans = driver.createInputTopic(Topics.RENDER_PLANS.name(), Serdes.String().serializer(),
        Topics.RENDER_PLANS.valueSerde().serializer());
    renders = driver.createInputTopic(Topics.RENDERS.name(), Serdes.String().serializer(),
        Topics.RENDERS.valueSerde().serializer());
    rawRenders = driver.createInputTopic(Topics.RENDERS.name(), Serdes.String().serializer(),
        new ByteArraySerializer());
    reports = driver.createOutputTopic(Topics.REPORTS.name(), Serdes.String().deserializer(),
        Topics.REPORTS.valueSerde().deserializer());
    dlq = driver.createOutputTopic(Topics.DLQ.name(), Serdes.String().deserializer(),
        Topics.DLQ.valueSerde().deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  /*
   * TopologyTestDriver does not capture the records a deserialization handler returns (the
   * processing handler's it does): here an unreadable record must only not stop the differ (the
   * default handler would fail); DifferDeadLetterIT (app) checks their letters on a real broker.
   */

  @Test
  void garbageBytesDoNotStopTheDiffer() {
    rawRenders.pipeInput(KEY, "not avro at all".getBytes(StandardCharsets.UTF_8));
    assertGoodChangeIsReported();
  }

  @Test
  void aSchemaNoReleaseWroteDoesNotStopTheDiffer() {
    rawRenders.pipeInput(KEY, unknownSchema(Topics.RENDERS.valueSerde().encode(ok("prod", "apps", "a: 1\n", "a: 2\n"))));
    assertGoodChangeIsReported();
  }

  @Test
  void unreadableRecordsBecomeDeadLettersWithTheOriginalBytes() {
    byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
    ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(Topics.RENDERS.name(), 2, 17L,
        KEY.getBytes(StandardCharsets.UTF_8), garbage);
    SerializationException error = assertThrows(SerializationException.class,
        () -> Topics.RENDERS.valueSerde().decode(garbage));
    UnreadableRecords handler = new UnreadableRecords();
    handler.configure(DifferStreams.config("dummy:9092", APP, stateDir).entrySet().stream()
        .collect(java.util.stream.Collectors.toMap(e -> e.getKey().toString(), Map.Entry::getValue)));

    DeserializationExceptionHandler.Response response = handler.handleError(null, record, error);

    assertEquals(DeserializationExceptionHandler.Result.RESUME, response.result());
    assertEquals(1, response.deadLetterQueueRecords().size());
    ProducerRecord<byte[], byte[]> out = response.deadLetterQueueRecords().get(0);
    assertEquals(Topics.DLQ.name(), out.topic());
    assertArrayEquals(KEY.getBytes(StandardCharsets.UTF_8), out.key());
    DeadLetter letter = Topics.DLQ.valueSerde().decode(out.value());
    assertEquals("differ", letter.getStage());
    assertEquals(Topics.RENDERS.name(), letter.getTopic());
    assertEquals(2, letter.getPartition());
    assertEquals(17L, letter.getOffset());
    assertArrayEquals(garbage, bytes(letter.getValue()));
    assertTrue(letter.getReason().startsWith("cannot decode the record: cannot decode RenderResult (15 bytes)"),
        letter.getReason());
    assertEquals(SerializationException.class.getName(), letter.getErrorClass());
  }

  @Test
  void aRecordThatBreaksTheDifferBecomesADeadLetterWithItsBytes() {
    RenderResult misKeyed = ok("prod", "apps", "a: 1\n", "a: 2\n");
    plans.pipeInput(KEY, twoPairs());
    renders.pipeInput("someone-else", misKeyed);

    KeyValue<String, DeadLetter> letter = dlq.readKeyValue();
    assertEquals("someone-else", letter.key);
    assertLetter(letter.value, Topics.RENDERS.name(), 0L, "someone-else",
        Topics.RENDERS.valueSerde().encode(misKeyed));
    assertTrue(letter.value.getReason().startsWith("processor progress failed on the record: RenderResult of change "
        + KEY + " arrived with key someone-else"), letter.value.getReason());
    assertEquals(IllegalArgumentException.class.getName(), letter.value.getErrorClass());
    assertEquals(0, store().get(KEY).getResults().size(), "the broken record is not merged");

    renders.pipeInput(KEY, ok("prod", "apps", "a: 1\n", "a: 2\n"));
    renders.pipeInput(KEY, ok("prod", "infra", "b: 1\n", "b: 2\n"));
    assertEquals(1, reports.readValuesToList().size(), "the change goes on with its good records");
    assertTrue(dlq.isEmpty());
  }

  /**
   * Progress whose report fails in the timeout sweep is parked with its content and removed, so it
   * does not fail every sweep; a change after it in the same sweep is reported at the next one.
   */
  @Test
  void progressThatCannotBeReportedBecomesADeadLetterAndTheSweepGoesOn() {
    String broken = "0000000000000000"; // sorts before KEY: the sweep meets it first
    ChangeProgress corrupt = new ChangeProgress(withChangeId(twoPairs(), broken),
        new ArrayList<>(List.of(ok("prod", "apps", "a: 1\n", "a: 2\n"))), START);
    store().put(broken, corrupt);
    plans.pipeInput(KEY, twoPairs());
    renders.pipeInput(KEY, ok("prod", "apps", "a: 1\n", "a: 2\n"));

    driver.advanceWallClockTime(Duration.ofSeconds(65));
    KeyValue<String, DeadLetter> letter = dlq.readKeyValue();
    assertEquals(broken, letter.key);
    DeadLetter value = letter.value;
    assertEquals("differ", value.getStage());
    assertEquals(APP + "-" + DifferTopology.PROGRESS_STORE + "-changelog", value.getTopic());
    assertEquals(0, value.getPartition());
    assertEquals(-1L, value.getOffset());
    assertEquals(corrupt, new AvroSerde<>(ChangeProgress.class).decode(bytes(value.getValue())),
        "the letter keeps what was collected");
    assertTrue(value.getReason().startsWith("cannot report change " + broken + " after the timeout: the progress of"
        + " change " + broken + " holds the result of prod/apps for change " + KEY), value.getReason());
    assertEquals(UnreportableChange.class.getName(), value.getErrorClass());
    assertNull(store().get(broken), "removed, so it does not fail every sweep");

    driver.advanceWallClockTime(Duration.ofSeconds(5));
    List<Report> out = reports.readValuesToList();
    assertEquals(1, out.size(), "the other expired change is reported at the next sweep");
    assertEquals(List.of("prod/infra"), out.get(0).getMissing());
    driver.advanceWallClockTime(Duration.ofMinutes(2));
    assertTrue(dlq.isEmpty(), "parked once");
  }

  /**
   * A report over what the producer may send loses the diff text of its largest Kustomization (a
   * warning says so, stats stay); one still over without any diff text (here a huge render error)
   * is parked without its bytes before Kafka sees it: under exactly_once_v2 a refused send would
   * abort the transaction and fail the same change forever. The next change is reported.
   */
  @Test
  void anOversizeReportIsCutOrParkedAndTheNextChangeIsReported() {
    int limit = 64 * 1024;
    int maxValue = limit - 8 * 1024;
    driver.close();
    java.util.Properties config = DifferStreams.config("dummy:9092", APP, stateDir);
    config.put(StreamsConfig.producerPrefix(org.apache.kafka.clients.producer.ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
        limit);
    driver = new TopologyTestDriver(DifferTopology.build(DifferOptions.defaults()), config, START);
    topics();
    StringBuilder base = new StringBuilder();
    StringBuilder head = new StringBuilder();
    for (int i = 0; base.length() < 128 * 1024; i++) {
      base.append("k").append(i).append(": old\n");
      head.append("k").append(i).append(": new\n");
    }
    plans.pipeInput(KEY, twoPairs());
    renders.pipeInput(KEY, ok("prod", "apps", cm(base), cm(head)));
    renders.pipeInput(KEY, ok("prod", "infra", cm("b: 1\n"), cm("b: 2\n")));

    List<Report> cut = reports.readValuesToList();
    assertEquals(1, cut.size(), "reported with the diff text cut");
    KustomizationReport apps = cut.get(0).getProfiles().get(0).getKustomizations().stream()
        .filter(k -> k.getName().equals("apps")).findFirst().orElseThrow();
    KustomizationReport infra = cut.get(0).getProfiles().get(0).getKustomizations().stream()
        .filter(k -> k.getName().equals("infra")).findFirst().orElseThrow();
    assertEquals("", apps.getDiff());
    assertEquals("", apps.getObjects().get(0).getDiff());
    assertTrue(apps.getStats().getLinesAdded() > 1000, "stats stay: " + apps.getStats());
    assertEquals(1, apps.getWarnings().size());
    assertTrue(apps.getWarnings().get(0).startsWith("diff text left out: the report of this change was "),
        apps.getWarnings().get(0));
    assertTrue(apps.getWarnings().get(0).contains("over the " + maxValue + " bytes")
        && apps.getWarnings().get(0).contains("`foresight diff`"), apps.getWarnings().get(0));
    assertTrue(infra.getObjects().get(0).getDiff().contains("+  b: 2"), "the small Kustomization keeps its diff: " + infra);
    assertEquals(List.of(), infra.getWarnings());
    assertTrue(dlq.isEmpty());

    plans.pipeInput(KEY, plan(render("prod", "apps")));
    renders.pipeInput(KEY, Fixtures.error("prod", "apps", "x".repeat(2 * limit)));
    KeyValue<String, DeadLetter> letter = dlq.readKeyValue();
    String reportKey = "https://git.example/infra.git#" + Fixtures.change().getRef();
    assertEquals(reportKey, letter.key);
    assertEquals(OversizeReport.class.getName(), letter.value.getErrorClass());
    assertEquals(Topics.REPORTS.name(), letter.value.getTopic());
    assertNull(letter.value.getValue(), "no report bytes in the letter");
    assertTrue(letter.value.getReason().startsWith("the report of change " + KEY + " (" + reportKey + ") is "),
        letter.value.getReason());
    assertTrue(letter.value.getReason().contains("bytes even without its diff text, over the " + maxValue
        + " bytes"), letter.value.getReason());
    assertTrue(reports.isEmpty());
    assertNull(store().get(KEY), "parked once, not kept");

    assertGoodChangeIsReported();
  }

  private static String cm(CharSequence data) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n"
        + data.toString().replaceAll("(?m)^(?=.)", "  ");
  }

  @Test
  void aReportKafkaRefusesAsTooLargeBecomesADeadLetterOtherSendErrorsKeepKafkasBehaviour() {
    UnsendableRecords handler = new UnsendableRecords();
    handler.configure(DifferStreams.config("dummy:9092", APP, stateDir).entrySet().stream()
        .collect(java.util.stream.Collectors.toMap(e -> e.getKey().toString(), Map.Entry::getValue)));
    Report report = dev.foresight.differ.progress.Progress.report(new ChangeProgress(plan(render("prod", "apps")),
        new ArrayList<>(List.of(ok("prod", "apps", "a: 1\n", "a: 2\n"))), START), START);
    byte[] key = "repo#target".getBytes(StandardCharsets.UTF_8);
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.REPORTS.name(), 1, key,
        Topics.REPORTS.valueSerde().encode(report));

    ProductionExceptionHandler.Response tooLarge = handler.handleError(null, record,
        new org.apache.kafka.common.errors.RecordTooLargeException("too large"));
    assertEquals(ProductionExceptionHandler.Result.RESUME, tooLarge.result());
    DeadLetter letter = Topics.DLQ.valueSerde().decode(tooLarge.deadLetterQueueRecords().get(0).value());
    assertNull(letter.getValue());
    assertEquals(1, letter.getPartition());
    assertTrue(letter.getReason().startsWith("the report of change " + report.getChangeId() + " ("), letter.getReason());
    assertTrue(letter.getReason().contains("max.request.size=" + DifferStreams.MAX_REQUEST_BYTES), letter.getReason());

    ProductionExceptionHandler.Response other = handler.handleError(null, record,
        new org.apache.kafka.common.errors.InvalidTopicException("no"));
    assertEquals(ProductionExceptionHandler.Result.FAIL, other.result());
    assertEquals(List.of(), other.deadLetterQueueRecords(), "no raw-byte records on the DeadLetter topic");
    assertEquals(ProductionExceptionHandler.Result.RETRY, handler.handleError(null, record,
        new org.apache.kafka.common.errors.TimeoutException("later")).result());
    ProductionExceptionHandler.Response unserializable = handler.handleSerializationError(null, record,
        new SerializationException("no"), ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);
    assertEquals(ProductionExceptionHandler.Result.FAIL, unserializable.result());
    assertEquals(List.of(), unserializable.deadLetterQueueRecords());
  }

  /** A send Kafka refused surfaces in the processor as a StreamsException: the record is fine, so the task fails. */
  @Test
  void kafkasOwnFailuresFailTheTaskInsteadOfParkingAHealthyRecord() {
    FailedRecords handler = new FailedRecords();
    handler.configure(DifferStreams.config("dummy:9092", APP, stateDir).entrySet().stream()
        .collect(java.util.stream.Collectors.toMap(e -> e.getKey().toString(), Map.Entry::getValue)));
    byte[] value = Topics.RENDERS.valueSerde().encode(ok("prod", "apps", "a: 1\n", "a: 2\n"));
    org.apache.kafka.streams.errors.ErrorHandlerContext context =
        new org.apache.kafka.streams.errors.internals.DefaultErrorHandlerContext(null, Topics.RENDERS.name(), 0, 3L,
            new org.apache.kafka.common.header.internals.RecordHeaders(), "progress",
            new org.apache.kafka.streams.processor.TaskId(0, 0), 0L, KEY.getBytes(StandardCharsets.UTF_8), value);

    var kafkas = handler.handleError(context, null, new org.apache.kafka.streams.errors.StreamsException(
        "Error encountered trying to send record to topic differ-test-differ-progress-changelog"));
    assertEquals(org.apache.kafka.streams.errors.ProcessingExceptionHandler.Result.FAIL, kafkas.result());
    assertEquals(List.of(), kafkas.deadLetterQueueRecords());
    var ours = handler.handleError(context, null, new IllegalStateException("our invariant"));
    assertEquals(org.apache.kafka.streams.errors.ProcessingExceptionHandler.Result.RESUME, ours.result());
    assertEquals(1, ours.deadLetterQueueRecords().size());
  }

  @Test
  void theHandlersRefuseToStartWithoutADeadLetterTopic() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> new UnreadableRecords().configure(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, APP)));
    assertTrue(e.getMessage().contains(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG), e.getMessage());
    assertThrows(ConfigException.class, () -> new FailedRecords().configure(Map.of()));
    assertEquals(Topics.DLQ.name(), DifferStreams.config("dummy:9092", APP, stateDir)
        .get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG));
  }

  private void assertGoodChangeIsReported() {
    plans.pipeInput(KEY, twoPairs());
    renders.pipeInput(KEY, ok("prod", "apps", "a: 1\n", "a: 2\n"));
    renders.pipeInput(KEY, ok("prod", "infra", "b: 1\n", "b: 2\n"));
    List<Report> out = reports.readValuesToList();
    assertEquals(1, out.size(), "the change after the bad record is reported");
    assertEquals(List.of(), out.get(0).getMissing());
    assertTrue(dlq.isEmpty(), "only the bad record is a dead letter");
  }

  private static void assertLetter(DeadLetter letter, String topic, long offset, String key, byte[] value) {
    assertEquals("differ", letter.getStage());
    assertEquals(topic, letter.getTopic());
    assertEquals(0, letter.getPartition());
    assertEquals(offset, letter.getOffset());
    assertEquals(key, new String(bytes(letter.getKey()), StandardCharsets.UTF_8));
    assertArrayEquals(value, bytes(letter.getValue()), () -> "original bytes, got "
        + HexFormat.of().formatHex(bytes(letter.getValue())));
    assertNotNull(letter.getFailedAt());
  }

  /** The same record with its 8-byte schema fingerprint (after the C3 01 marker) flipped. */
  static byte[] unknownSchema(byte[] encoded) {
    byte[] out = encoded.clone();
    for (int i = 2; i < 10; i++) {
      out[i] = (byte) ~out[i];
    }
    return out;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }

  private static RenderPlan twoPairs() {
    return plan(render("prod", "apps"), render("prod", "infra"));
  }

  private static RenderPlan withChangeId(RenderPlan plan, String changeId) {
    return RenderPlan.newBuilder(plan).setChangeId(changeId).build();
  }

  private KeyValueStore<String, ChangeProgress> store() {
    return driver.getKeyValueStore(DifferTopology.PROGRESS_STORE);
  }
}
