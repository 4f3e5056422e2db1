package dev.foresight.app.command;

import dev.foresight.app.runtime.PublicationWatcher;
import dev.foresight.app.runtime.RuntimeOptions;
import dev.foresight.app.runtime.Services;
import dev.foresight.app.sample.SampleRepository;
import dev.foresight.app.sample.SampleRepository.RefUpdate;
import dev.foresight.publisher.SummaryLine;
import dev.foresight.schema.ChangeIds;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code foresight demo}: a sample GitOps repository, the embedded broker (or the cluster of
 * {@code --bootstrap-servers}) and all four stages in one JVM; the sample's pushes and promotion
 * go in as signed GitHub webhooks, the reports come out in the archive. A given cluster must be
 * one where Foresight has not run (no {@code foresight-} groups, no records in its topics): the
 * demo's stages would otherwise join the pipeline there.
 */
@Command(name = "demo", description = "Run the whole pipeline on a sample GitOps repository "
    + "(embedded Kafka, no setup; or an existing cluster with --bootstrap-servers).")
public final class DemoCommand implements Callable<Integer> {

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Where to put the demo (default: a new temporary directory).")
  Path dataDir;

  @Option(names = "--timeout", defaultValue = "300", paramLabel = "SECONDS", description = "Give up after this long (default: 300).")
  int timeoutSeconds;

  @Option(names = "--verbose", description = "Show every stage's log lines.")
  boolean verbose;

  @Mixin ClusterOption cluster;

  @Override
  public Integer call() throws Exception {
    Instant start = Instant.now();
    cluster.requireUnusedBy("demo");
    if (dataDir != null) {
      CliErrors.checkDataDir(dataDir, "--data-dir");
    }
    if (!verbose) {
      // The demo prints its own story; the stages' per-job lines would drown it.
      ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.foresight"))
          .setLevel(ch.qos.logback.classic.Level.WARN);
    }
    Path data = dataDir != null ? dataDir.toAbsolutePath() : Files.createTempDirectory("foresight-demo-");
    Files.createDirectories(data);
    System.out.println("Foresight demo in " + data);
    SampleRepository.Sample sample = SampleRepository.create(data.resolve("sample-repo"));
    String repo = sample.path().toString();
    System.out.printf("  sample GitOps repository %s: %d ref updates%n", repo, sample.refUpdates().size());
    sample.components().forEach((name, path) ->
        System.out.printf("  component repository %s: %s (changelog.components in foresight.yaml)%n", name, path));
    String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    try (Broker broker = cluster.open(data.resolve("kafka"), 0);
        Services services = Services.startAll(new RuntimeOptions(broker.bootstrapServers(), data, 0, secret,
            Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(timeoutSeconds)));
        PublicationWatcher watcher = new PublicationWatcher(broker.bootstrapServers())) {
      System.out.printf("  %s Kafka at %s, stages up, webhook on port %d (%.1f s)%n",
          broker.embedded() ? "embedded" : "existing", broker.bootstrapServers(), services.webhookPort(),
          seconds(start));
      Map<String, Instant> sentAt = new HashMap<>();
      Set<String> ids = new LinkedHashSet<>();
      HttpClient http = HttpClient.newHttpClient();
      for (RefUpdate update : sample.refUpdates()) {
        String id = ChangeIds.of(repo, update.ref(), update.before(), update.after());
        sentAt.put(id, Instant.now());
        post(http, services.webhookPort(), secret, pushPayload(repo, update));
        ids.add(id);
      }
      System.out.printf("  %d webhooks accepted; waiting for reports...%n", ids.size());
      // reports arrive in any order (the stages work in parallel); they are printed in the order of
      // the pushes, each as soon as the ones before it are in
      List<String> order = new java.util.ArrayList<>(ids);
      Map<String, String> arrived = new HashMap<>();
      try {
        watcher.await(ids, Duration.ofSeconds(timeoutSeconds), (report, publication) -> {
          double latency = Duration.between(sentAt.get(report.getChangeId()), publication.getPublishedAt()).toMillis() / 1000.0;
          StringBuilder text = new StringBuilder(String.format("%n%s%n  report: %s  (%.1f s after its webhook)%n",
              SummaryLine.of(report), publication.getLocation(), latency));
          htmlBeside(publication.getLocation()).ifPresent(html -> text.append(String.format("  in a browser: %s%n", html)));
          arrived.put(report.getChangeId(), text.toString());
          while (!order.isEmpty() && arrived.containsKey(order.get(0))) {
            System.out.print(arrived.remove(order.remove(0)));
          }
        });
      } finally {
        // a change that never came (timeout) holds back no report behind it
        order.stream().filter(arrived::containsKey).forEach(id -> System.out.print(arrived.get(id)));
      }
      System.out.printf("%nDemo done: %d reports in %s, %.1f s in all.%n", ids.size(), data.resolve("archive"),
          seconds(start));
    }
    return 0;
  }

  /** The archive writes {@code <id>.html} beside {@code <id>.md}; its path when it is there. */
  static java.util.Optional<Path> htmlBeside(String markdown) {
    if (markdown == null || !markdown.endsWith(".md")) {
      return java.util.Optional.empty();
    }
    Path html = Path.of(markdown.substring(0, markdown.length() - ".md".length()) + ".html");
    return Files.isRegularFile(html) ? java.util.Optional.of(html) : java.util.Optional.empty();
  }

  private static double seconds(Instant since) {
    return Duration.between(since, Instant.now()).toMillis() / 1000.0;
  }

  /** A GitHub push payload with the fields Foresight reads (see ../shared/fixtures/github/push.json). */
  static String pushPayload(String repo, RefUpdate update) throws Exception {
    Map<String, Object> repository = Map.of("name", "sample", "full_name", "demo/sample", "clone_url", repo,
        "default_branch", "master");
    Map<String, Object> payload = new java.util.LinkedHashMap<>();
    payload.put("ref", update.ref());
    payload.put("before", update.before());
    payload.put("after", update.after());
    payload.put("created", update.before().equals(ChangeIds.ZERO_SHA));
    payload.put("deleted", false);
    payload.put("forced", false);
    payload.put("repository", repository);
    payload.put("pusher", Map.of("name", "demo"));
    payload.put("commits", List.of());
    payload.put("head_commit", Map.of("id", update.after()));
    return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(payload);
  }

  private static void post(HttpClient http, int port, String secret, String body) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/github"))
        .header("Content-Type", "application/json")
        .header("X-GitHub-Event", "push")
        .header("X-GitHub-Delivery", UUID.randomUUID().toString())
        .header("X-Hub-Signature-256", dev.foresight.ingest.github.WebhookSignature.sign(secret, bytes))
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 202) {
      throw new IllegalStateException("webhook answered " + response.statusCode() + ": " + response.body());
    }
  }

}
