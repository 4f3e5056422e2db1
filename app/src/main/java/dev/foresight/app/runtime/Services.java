package dev.foresight.app.runtime;

import dev.foresight.differ.stream.DifferOptions;
import dev.foresight.differ.stream.DifferStreams;
import dev.foresight.differ.stream.DifferTopology;
import dev.foresight.ingest.sink.KafkaChangeSink;
import dev.foresight.ingest.webhook.WebhookConfig;
import dev.foresight.ingest.webhook.WebhookServer;
import dev.foresight.publisher.ArchivePublisher;
import dev.foresight.publisher.stage.PublisherHandler;
import dev.foresight.renderer.Renderer;
import dev.foresight.renderer.RendererConfig;
import dev.foresight.renderer.secret.MaskKey;
import dev.foresight.renderer.stage.PlannerHandler;
import dev.foresight.renderer.stage.WorkerHandler;
import dev.foresight.schema.Topics;
import dev.foresight.stage.StageConfig;
import dev.foresight.stage.StageLoop;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts stage services in this JVM and stops them in reverse order. {@code foresight serve X}
 * starts one, {@code foresight up} and the demo start all four.
 */
public final class Services implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Services.class);

  private final RuntimeOptions options;
  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private WebhookServer webhookServer;

  private Services(RuntimeOptions options) {
    this.options = options;
  }

  public static Services start(RuntimeOptions options, Set<Stage> stages) throws IOException {
    Services services = new Services(options);
    try {
      Files.createDirectories(options.dataDir());
      for (Stage stage : EnumSet.copyOf(stages)) {
        services.startStage(stage);
      }
      return services;
    } catch (IOException | RuntimeException e) {
      services.close();
      throw e;
    }
  }

  public static Services startAll(RuntimeOptions options) throws IOException {
    return start(options, EnumSet.allOf(Stage.class));
  }

  /** The webhook server's port, or -1 when ingest's server is not running here. */
  public int webhookPort() {
    return webhookServer == null ? -1 : webhookServer.port();
  }

  private void startStage(Stage stage) throws IOException {
    switch (stage) {
      case INGEST -> startIngest();
      case RENDERER -> startRenderer();
      case DIFFER -> startDiffer();
      case PUBLISHER -> startPublisher();
    }
    log.info("{} started", stage.id());
  }

  private void startIngest() throws IOException {
    if (options.webhookSecret() == null || options.webhookSecret().isBlank()) {
      log.warn("ingest: FORESIGHT_GITHUB_WEBHOOK_SECRET is not set, the webhook server is not started "
          + "(replay still works); set it to accept GitHub deliveries");
      return;
    }
    KafkaChangeSink sink = new KafkaChangeSink(options.bootstrapServers());
    running.push(sink);
    webhookServer = WebhookServer.start(WebhookConfig.of("0.0.0.0", options.webhookPort(), options.webhookSecret()), sink);
    running.push(webhookServer);
    log.info("ingest: POST http://localhost:{}/webhooks/github", webhookServer.port());
  }

  private void startRenderer() throws IOException {
    Renderer renderer = renderer(options);
    running.push(renderer);
    loop("renderer-planner", new StageLoop<>("renderer",
        StageConfig.of(options.bootstrapServers(), "foresight-renderer-planner"), Topics.CHANGES,
        new PlannerHandler(renderer)));
    for (int i = 0; i < options.renderWorkers(); i++) {
      StageConfig config = StageConfig.of(options.bootstrapServers(), "foresight-renderer-worker");
      loop("renderer-worker-" + i, new StageLoop<>("renderer", config, Topics.RENDER_JOBS, new WorkerHandler(renderer)));
    }
  }

  /**
   * The renderer stage's renderer (planner and workers share it): the data directory's mirrors,
   * mask key and render cache (bounded by {@code --cache-max-bytes}), as {@code foresight diff} on
   * the same data directory uses them.
   */
  public static Renderer renderer(RuntimeOptions options) throws IOException {
    return new Renderer(new RendererConfig(options.dataDir(), MaskKey.load(options.dataDir()), Duration.ofMinutes(2))
        .withCacheMaxBytes(options.cacheMaxBytes()));
  }

  private void startDiffer() {
    DifferOptions differOptions = DifferOptions.defaults().withTimeout(options.reportTimeout());
    KafkaStreams streams = new KafkaStreams(DifferTopology.build(differOptions),
        DifferStreams.config(options.bootstrapServers(), "foresight-differ", options.dataDir().resolve("streams")));
    streams.setUncaughtExceptionHandler(e -> {
      log.error("differ: stream thread failed, replacing it: {}", e.toString(), e);
      return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
          .REPLACE_THREAD;
    });
    streams.start();
    running.push(() -> streams.close(Duration.ofSeconds(10)));
  }

  /** Where the archive directory is served (links in truncated Markdown and Slack); unset: file: URIs. */
  public static final String ARCHIVE_URL_ENV = "FORESIGHT_ARCHIVE_URL";

  private void startPublisher() {
    StageConfig config = StageConfig.of(options.bootstrapServers(), "foresight-publisher");
    loop("publisher", new StageLoop<>("publisher", config, Topics.REPORTS,
        new PublisherHandler(new ArchivePublisher(options.archiveDir(), System.getenv(ARCHIVE_URL_ENV),
            java.time.Clock.systemUTC()))));
  }

  private void loop(String name, StageLoop<?> stageLoop) {
    Thread thread = new Thread(stageLoop, "foresight-" + name);
    thread.setDaemon(true);
    thread.start();
    running.push(stageLoop);
  }

  @Override
  public void close() {
    while (!running.isEmpty()) {
      try {
        running.pop().close();
      } catch (Exception e) {
        log.warn("while stopping: {}", e.toString());
      }
    }
  }
}
