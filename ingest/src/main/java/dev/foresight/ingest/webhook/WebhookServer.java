package dev.foresight.ingest.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.foresight.ingest.github.GitHubEvents;
import dev.foresight.ingest.sink.ChangeSink;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest HTTP server: {@code POST /webhooks/github} (GitHub deliveries, see the module README
 * for the status codes) and {@code GET /healthz}. Started by {@link #start}, stopped by {@link
 * #close}.
 */
public final class WebhookServer implements AutoCloseable {

  public static final String WEBHOOK_PATH = "/webhooks/github";
  public static final String HEALTH_PATH = "/healthz";
  private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);

  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicInteger inFlight;

  private WebhookServer(HttpServer server, ExecutorService executor, AtomicInteger inFlight) {
    this.server = server;
    this.executor = executor;
    this.inFlight = inFlight;
  }

  /**
   * Binds {@code config.host():config.port()} (port 0 = ephemeral) and starts serving.
   *
   * @throws IOException when the address cannot be bound
   */
  public static WebhookServer start(WebhookConfig config, ChangeSink sink) throws IOException {
    Objects.requireNonNull(config, "config");
    return start(config, new GitHubEvents(config.promotionBranches(), Clock.systemUTC()), sink);
  }

  /** As {@link #start(WebhookConfig, ChangeSink)} with a given event mapping (clock, branches). */
  public static WebhookServer start(WebhookConfig config, GitHubEvents events, ChangeSink sink)
      throws IOException {
    Objects.requireNonNull(config, "config: the server needs a webhook secret");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(sink, "sink");
    GitHubWebhookHandler webhook = new GitHubWebhookHandler(config, events, sink);
    InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
    HttpServer server;
    try {
      server = HttpServer.create(address, 0);
    } catch (IOException e) {
      throw new IOException("cannot bind webhook server to " + config.host() + ":" + config.port()
          + " (" + e.getMessage() + "); choose another " + WebhookConfig.PORT_ENV, e);
    }
    ExecutorService executor = Executors.newFixedThreadPool(config.threads(), daemonThreads());
    server.setExecutor(executor);
    AtomicInteger inFlight = new AtomicInteger();
    server.createContext("/", exchange -> {
      inFlight.incrementAndGet();
      try {
        route(exchange, webhook);
      } finally {
        inFlight.decrementAndGet();
      }
    });
    server.start();
    WebhookServer started = new WebhookServer(server, executor, inFlight);
    LOG.info("webhook server listening on {}:{}{}", config.host(), started.port(), WEBHOOK_PATH);
    return started;
  }

  /** The bound port (the real one when started with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** Stops accepting, lets running requests finish (up to 1 s), then stops the handler threads. */
  @Override
  public void close() {
    // JDK 17's HttpServer.stop(n) waits the full n seconds when no exchange is running
    server.stop(inFlight.get() == 0 ? 0 : 1);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static void route(HttpExchange exchange, GitHubWebhookHandler webhook) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (WEBHOOK_PATH.equals(path)) {
      webhook.handle(exchange);
    } else if (HEALTH_PATH.equals(path)) {
      String method = exchange.getRequestMethod();
      if ("GET".equals(method) || "HEAD".equals(method)) {
        HttpReplies.send(exchange, Reply.status(200, "ok"));
      } else {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        HttpReplies.send(exchange, Reply.error(405, "method " + method + " not allowed, use GET"));
      }
    } else {
      HttpReplies.send(exchange, Reply.error(404, "no such path " + path + "; webhooks go to " + WEBHOOK_PATH));
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "webhook-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
