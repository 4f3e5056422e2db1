package dev.foresight.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import dev.foresight.app.GeneratedRepos;
import dev.foresight.app.runtime.PublicationWatcher;
import dev.foresight.ingest.replay.ReplayEvents;
import dev.foresight.ingest.sink.KafkaChangeSink;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The leak test of issue 6: every secret value the fixture generator writes, in any commit, must
 * appear in no record of any topic after the renderer (plans, jobs, renders, reports,
 * publications, DLQ, the differ's internal topics), no archived view, no log line and no file of
 * the render cache, neither in clear nor base64-encoded. Six apps and 40 commits: the generator
 * writes Secrets for apps 1 and 4 and rotates one of them, so several values and a Secret change
 * go through (with four apps and 20 commits there is only one value).
 */
class SecretLeakIT {

  @TempDir static Path dir;
  static InJvmPipeline pipeline;
  static Path repo;
  static List<ChangeRequested> changes;
  static Set<String> secrets;
  static final LeakAppender LOGS = new LeakAppender();

  @BeforeAll
  static void start() throws Exception {
    Path fixture = GeneratedRepos.generate(dir.resolve("fixture"), "SecretLeakIT", "--apps", "6", "--profiles", "3",
        "--commits", "40");
    repo = fixture.resolve("infra");
    changes = ReplayEvents.read(fixture.resolve("pushes.jsonl"), repo.toString());
    secrets = GeneratedSecrets.collect(repo);
    System.out.println("SecretLeakIT: " + secrets.size() + " secret values collected from every commit of " + repo);
    assertTrue(secrets.size() > 0, "the generator wrote no secret value: the leak test would prove nothing");
    LOGS.watch(secrets);

    pipeline = InJvmPipeline.start(dir);
  }

  @AfterAll
  static void stop() {
    if (pipeline != null) {
      pipeline.close();
    }
    LOGS.detach();
  }

  @Test
  void noSecretValueLeavesTheRendererAnywhere() throws Exception {
    Set<String> ids = new LinkedHashSet<>();
    try (KafkaChangeSink sink = new KafkaChangeSink(pipeline.bootstrapServers())) {
      for (ChangeRequested change : changes) {
        sink.submit(change);
        ids.add(change.getChangeId());
      }
    }
    Map<String, PublicationWatcher.Published> published;
    try (PublicationWatcher watcher = new PublicationWatcher(pipeline.bootstrapServers())) {
      published = watcher.await(ids, Duration.ofMinutes(10), (r, p) -> { });
      watcher.drain(Duration.ofSeconds(2));
    }
    assertEquals(ids, published.keySet(), "one published report per ref update");
    assertTrue(published.values().stream().anyMatch(p -> p.report().toString().contains("masked:")),
        "a Secret change shows as a masked change in some report");

    List<String> leaks = new ArrayList<>();
    long records = scanTopics(leaks);
    Path data = dir.resolve("data");
    long archived = scanFiles(data.resolve("archive"), leaks);
    long cached = scanFiles(data.resolve("cache"), leaks);
    pipeline.stopStages();
    long work = scanFiles(data.resolve("work"), leaks);
    leaks.addAll(LOGS.leaks());
    System.out.printf("SecretLeakIT: %d values x (clear, base64) checked in %d topic records, %d archive files,"
        + " %d cache files, %d work files left after close, %d log lines: %d leaks%n", secrets.size(), records,
        archived, cached, work, LOGS.lines(), leaks.size());
    assertTrue(records > 0 && archived > 0 && cached > 0 && LOGS.lines() > 0, "everything was looked at");
    assertEquals(List.of(), leaks, "secret values in clear");
  }

  /** Every record of every topic but the input one and the broker's own ({@code __*}), raw bytes. */
  private static long scanTopics(List<String> leaks) throws Exception {
    Set<String> topics;
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers()))) {
      topics = new TreeSet<>(admin.listTopics().names().get());
    }
    topics.removeIf(t -> t.startsWith("__") || t.equals(Topics.CHANGES.name()));
    assertTrue(topics.containsAll(List.of(Topics.RENDER_PLANS.name(), Topics.RENDER_JOBS.name(), Topics.RENDERS.name(),
        Topics.REPORTS.name(), Topics.PUBLICATIONS.name(), Topics.DLQ.name())), topics.toString());
    long count = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers(),
        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"), new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.currentTimeMillis() + 60_000;
      while (System.currentTimeMillis() < deadline && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (var record : consumer.poll(Duration.ofMillis(500))) {
          count++;
          check(record.topic() + "@" + record.partition() + ":" + record.offset(), record.key(), leaks);
          check(record.topic() + "@" + record.partition() + ":" + record.offset(), record.value(), leaks);
        }
      }
    }
    return count;
  }

  private static long scanFiles(Path root, List<String> leaks) throws IOException {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    long count = 0;
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        count++;
        byte[] bytes = Files.readAllBytes(file);
        check(file.toString(), bytes, leaks);
        if (bytes.length > 2 && bytes[0] == (byte) 0x1f && bytes[1] == (byte) 0x8b) {
          check(file + " (gunzipped)", gunzip(bytes), leaks); // compression is no protection
        }
      }
    }
    return count;
  }

  private static byte[] gunzip(byte[] bytes) {
    try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    } catch (IOException notGzip) {
      return new byte[0];
    }
  }

  private static void check(String where, byte[] bytes, List<String> leaks) {
    if (bytes == null) {
      return;
    }
    String text = new String(bytes, StandardCharsets.ISO_8859_1); // byte for byte; UTF-8 values match as bytes
    for (String value : secrets) {
      for (String form : forms(value)) {
        if (text.contains(form)) {
          leaks.add(where + " holds " + (form.equals(value) ? "a value" : "the base64 of a value"));
        }
      }
    }
  }

  private static List<String> forms(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    return List.of(new String(utf8, StandardCharsets.ISO_8859_1), Base64.getEncoder().encodeToString(utf8));
  }

  /** Every Secret value in every commit of {@code repo}: stringData, base64-decoded data, secretGenerator literals and files. */
  static final class GeneratedSecrets {

    static Set<String> collect(Path repo) throws IOException, InterruptedException {
      Set<String> values = new TreeSet<>();
      for (String sha : git(repo, "rev-list", "--all").split("\n")) {
        if (sha.isBlank()) {
          continue;
        }
        for (String path : git(repo, "ls-tree", "-r", "--name-only", sha).split("\n")) {
          if (!path.endsWith(".yaml") && !path.endsWith(".yml")) {
            continue;
          }
          String text = git(repo, "show", sha + ":" + path);
          if (text.contains("Secret")) {
            secretsOf(text, values);
          }
          if (text.contains("secretGenerator")) {
            generated(repo, sha, path, text, values);
          }
        }
      }
      values.removeIf(v -> v.length() < 4);
      return values;
    }

    private static void secretsOf(String text, Set<String> values) {
      for (Object doc : new Load(LoadSettings.builder().build()).loadAllFromString(text)) {
        if (doc instanceof Map<?, ?> object && "Secret".equals(object.get("kind"))) {
          if (object.get("stringData") instanceof Map<?, ?> clear) {
            clear.values().forEach(v -> values.add(String.valueOf(v)));
          }
          if (object.get("data") instanceof Map<?, ?> encoded) {
            encoded.values().forEach(v -> values.add(new String(Base64.getMimeDecoder().decode(String.valueOf(v)),
                StandardCharsets.UTF_8)));
          }
        }
      }
    }

    private static void generated(Path repo, String sha, String path, String text, Set<String> values)
        throws IOException, InterruptedException {
      Object doc = new Load(LoadSettings.builder().build()).loadFromString(text);
      if (!(doc instanceof Map<?, ?> k) || !(k.get("secretGenerator") instanceof List<?> generators)) {
        return;
      }
      String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/') + 1) : "";
      for (Object g : generators) {
        if (!(g instanceof Map<?, ?> gen)) {
          continue;
        }
        if (gen.get("literals") instanceof List<?> literals) {
          literals.forEach(l -> values.add(String.valueOf(l).substring(String.valueOf(l).indexOf('=') + 1)));
        }
        if (gen.get("files") instanceof List<?> files) {
          for (Object f : files) {
            String file = String.valueOf(f);
            file = file.substring(file.indexOf('=') + 1);
            values.add(git(repo, "show", sha + ":" + dir + file).strip());
          }
        }
      }
    }

    private static String git(Path repo, String... args) throws IOException, InterruptedException {
      List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
      command.addAll(List.of(args));
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      return out;
    }
  }

  /** Checks every log event of every logger (dev.foresight at DEBUG) as it is appended. */
  static final class LeakAppender extends AppenderBase<ILoggingEvent> {
    private final AtomicLong lines = new AtomicLong();
    private final ConcurrentLinkedQueue<String> leaks = new ConcurrentLinkedQueue<>();
    private volatile Set<String> values = Set.of();
    private Level previous;

    void watch(Set<String> values) {
      this.values = Set.copyOf(values);
      LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
      setContext(context);
      start();
      context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(this);
      Logger ours = context.getLogger("dev.foresight");
      previous = ours.getLevel();
      ours.setLevel(Level.DEBUG);
    }

    void detach() {
      LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
      context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
      context.getLogger("dev.foresight").setLevel(previous);
      stop();
    }

    long lines() {
      return lines.get();
    }

    List<String> leaks() {
      return new ArrayList<>(leaks);
    }

    @Override
    protected void append(ILoggingEvent event) {
      StringBuilder text = new StringBuilder(event.getFormattedMessage() == null ? "" : event.getFormattedMessage());
      event.getMDCPropertyMap().values().forEach(v -> text.append(' ').append(v));
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        text.append('\n').append(t.getClassName()).append(": ").append(t.getMessage());
        for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
          text.append('\n').append(frame.getSTEAsString());
        }
      }
      lines.incrementAndGet();
      String line = text.toString();
      for (String value : values) {
        if (line.contains(value) || line.contains(Base64.getEncoder().encodeToString(
            value.getBytes(StandardCharsets.UTF_8)))) {
          leaks.add("log line of " + event.getLoggerName() + " holds a secret value");
        }
      }
    }
  }
}
