package dev.foresight.ingest.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.ingest.Fixtures;
import dev.foresight.ingest.github.GitHubEvents;
import dev.foresight.ingest.github.WebhookSignature;
import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.ChangeKind;
import dev.foresight.schema.ChangeRequested;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookServerTest {

  static final String SECRET = "foresight-test-secret";
  static final String REPO = "https://github.com/Codertocat/Hello-World.git";
  static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");
  static final int MAX_BODY = 64 * 1024;

  private final List<ChangeRequested> submitted = new CopyOnWriteArrayList<>();
  private final AtomicBoolean sinkFails = new AtomicBoolean();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private WebhookServer server;

  @BeforeEach
  void start() throws IOException {
    WebhookConfig config = WebhookConfig.of("127.0.0.1", 0, SECRET).withMaxBodyBytes(MAX_BODY);
    GitHubEvents events = new GitHubEvents(config.promotionBranches(), Clock.fixed(NOW, ZoneOffset.UTC));
    server = WebhookServer.start(config, events, change -> {
      if (sinkFails.get()) {
        throw new IllegalStateException("broker down");
      }
      submitted.add(change);
    });
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void signedPushIsAcceptedAndSubmittedOnce() throws Exception {
    HttpResponse<String> response = deliver("push", "delivery-1", Fixtures.github("push.json"));
    assertEquals(202, response.statusCode(), response.body());
    assertTrue(response.body().contains("\"status\":\"accepted\""), response.body());
    assertEquals(1, submitted.size());
    ChangeRequested change = submitted.get(0);
    assertEquals(ChangeKind.PUSH, change.getKind());
    assertEquals(REPO, change.getRepo());
    assertEquals("refs/heads/changes", change.getRef());
    assertEquals("f95f852bd8fca8fcc58a9a2d6c842781e32a215e", change.getBase());
    assertEquals("ec26c3e57ca3a959ca5aad62de7213c562f8c821", change.getHead());
    assertEquals("github-webhook", change.getSource());
    assertEquals("delivery-1", change.getDeliveryId());
    assertEquals(NOW, change.getRequestedAt());
    assertEquals(ChangeIds.of(REPO, change.getRef(), change.getBase(), change.getHead()), change.getChangeId());
    assertTrue(response.body().contains(change.getChangeId()), response.body());
  }

  @Test
  void aDeliveryIsLoggedWithTheMdcKeysDeliveryAndRepo() throws Exception {
    ch.qos.logback.classic.Logger logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(GitHubWebhookHandler.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
        new ch.qos.logback.core.read.ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    try {
      assertEquals(202, deliver("push", "delivery-mdc", Fixtures.github("push.json")).statusCode());
      // the handler logs its outcome after the reply is sent: wait for the line, on the server's thread
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
          .until(() -> List.copyOf(lines.list).stream().anyMatch(e -> "delivery-mdc".equals(e.getMDCPropertyMap().get("delivery"))));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      // reported by the assertion below, with the lines that were logged
    } finally {
      logger.detachAppender(lines);
    }
    // the names DESIGN.md's logging convention gives, which logback.xml prints
    assertTrue(List.copyOf(lines.list).stream().anyMatch(e -> "delivery-mdc".equals(e.getMDCPropertyMap().get("delivery"))
        && REPO.equals(e.getMDCPropertyMap().get("repo"))), "a line with delivery and repo: " + lines.list);
  }

  @Test
  void signedPullRequestIsAccepted() throws Exception {
    HttpResponse<String> response = deliver("pull_request", "delivery-2", Fixtures.github("pull_request.opened.json"));
    assertEquals(202, response.statusCode(), response.body());
    assertEquals(1, submitted.size());
    ChangeRequested change = submitted.get(0);
    assertEquals(ChangeKind.PULL_REQUEST, change.getKind());
    assertEquals("refs/heads/master", change.getRef());
    assertEquals("f95f852bd8fca8fcc58a9a2d6c842781e32a215e", change.getBase());
    assertEquals("ec26c3e57ca3a959ca5aad62de7213c562f8c821", change.getHead());
    assertEquals(2, change.getPullRequest());
    assertEquals("delivery-2", change.getDeliveryId());
  }

  @Test
  void wrongSignatureIsUnauthorized() throws Exception {
    byte[] body = Fixtures.github("push.json");
    HttpResponse<String> response = send(request("push", "d-3", body,
        WebhookSignature.sign("another-secret", body)));
    assertEquals(401, response.statusCode());
    assertEquals("{\"status\":\"error\",\"error\":\"invalid X-Hub-Signature-256 signature\"}", response.body());
    assertTrue(submitted.isEmpty());
  }

  @Test
  void missingSignatureIsUnauthorized() throws Exception {
    HttpResponse<String> response = send(request("push", "d-4", Fixtures.github("push.json"), null));
    assertEquals(401, response.statusCode());
    assertTrue(response.body().contains("missing X-Hub-Signature-256"), response.body());
    assertTrue(submitted.isEmpty());
  }

  @Test
  void pingAnswers200AndSubmitsNothing() throws Exception {
    HttpResponse<String> response = deliver("ping", "d-5", Fixtures.github("ping.json"));
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.body().contains("\"ignored\""), response.body());
    assertTrue(submitted.isEmpty());
  }

  @Test
  void deletedBranchAnswers200AndSubmitsNothing() throws Exception {
    HttpResponse<String> response = deliver("push", "d-6", Fixtures.github("push.deleted-branch.json"));
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(submitted.isEmpty());
  }

  @Test
  void closedPullRequestAnswers200AndSubmitsNothing() throws Exception {
    HttpResponse<String> response = deliver("pull_request", "d-7", Fixtures.github("pull_request.closed.merged.json"));
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(submitted.isEmpty());
  }

  @Test
  void redeliveryIsNotSubmittedTwice() throws Exception {
    assertEquals(202, deliver("push", "same-id", Fixtures.github("push.json")).statusCode());
    HttpResponse<String> again = deliver("push", "same-id", Fixtures.github("push.json"));
    assertEquals(200, again.statusCode());
    assertTrue(again.body().contains("\"duplicate\""), again.body());
    assertEquals(1, submitted.size());
    assertEquals(202, deliver("push", "other-id", Fixtures.github("push.json")).statusCode());
    assertEquals(2, submitted.size());
  }

  @Test
  void sinkFailureIs503AndTheRedeliveryIsProcessed() throws Exception {
    sinkFails.set(true);
    HttpResponse<String> failed = deliver("push", "d-8", Fixtures.github("push.json"));
    assertEquals(503, failed.statusCode(), failed.body());
    assertTrue(failed.body().contains("broker down"), failed.body());
    sinkFails.set(false);
    assertEquals(202, deliver("push", "d-8", Fixtures.github("push.json")).statusCode());
    assertEquals(1, submitted.size());
  }

  @Test
  void oversizeBodyIs413() throws Exception {
    byte[] body = new byte[MAX_BODY + 1];
    HttpResponse<String> response = deliver("push", "d-9", body);
    assertEquals(413, response.statusCode(), response.body());
    assertTrue(submitted.isEmpty());
  }

  @Test
  void oversizeChunkedBodyIs413() throws Exception {
    byte[] body = new byte[MAX_BODY + 1];
    HttpRequest request = HttpRequest.newBuilder(webhookUri())
        .header("X-GitHub-Event", "push").header("X-GitHub-Delivery", "d-9b")
        .header(WebhookSignature.HEADER, WebhookSignature.sign(SECRET, body))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
        .build();
    assertEquals(413, send(request).statusCode());
    assertTrue(submitted.isEmpty());
  }

  @Test
  void malformedJsonWithValidSignatureIs400() throws Exception {
    HttpResponse<String> response = deliver("push", "d-10", "{\"ref\": ".getBytes(StandardCharsets.UTF_8));
    assertEquals(400, response.statusCode());
    assertTrue(response.body().contains("not valid JSON"), response.body());
    assertTrue(submitted.isEmpty());
  }

  @Test
  void missingEventHeaderIs400() throws Exception {
    HttpResponse<String> response = deliver(null, "d-11", Fixtures.github("push.json"));
    assertEquals(400, response.statusCode());
    assertTrue(response.body().contains("missing X-GitHub-Event"), response.body());
    assertTrue(submitted.isEmpty());
  }

  @Test
  void otherMethodsAndPaths() throws Exception {
    HttpResponse<String> get = send(HttpRequest.newBuilder(webhookUri()).GET().build());
    assertEquals(405, get.statusCode());
    assertEquals("POST", get.headers().firstValue("Allow").orElse(""));
    assertEquals(404, send(HttpRequest.newBuilder(uri("/webhooks/gitlab"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build()).statusCode());
    HttpResponse<String> health = send(HttpRequest.newBuilder(uri("/healthz")).GET().build());
    assertEquals(200, health.statusCode());
    assertEquals("{\"status\":\"ok\"}", health.body());
  }

  @Test
  void refusesToStartWithoutSecret() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WebhookServer.start(WebhookConfig.fromEnv(Map.of(WebhookConfig.PORT_ENV, "0")), change -> { }));
    assertTrue(e.getMessage().contains("FORESIGHT_GITHUB_WEBHOOK_SECRET"), e.getMessage());
  }

  @Test
  void portIsTheBoundEphemeralPort() {
    assertTrue(server.port() > 0);
  }

  private HttpResponse<String> deliver(String event, String delivery, byte[] body) throws Exception {
    return send(request(event, delivery, body, WebhookSignature.sign(SECRET, body)));
  }

  private HttpRequest request(String event, String delivery, byte[] body, String signature) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(webhookUri())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (event != null) {
      builder.header("X-GitHub-Event", event);
    }
    if (delivery != null) {
      builder.header("X-GitHub-Delivery", delivery);
    }
    if (signature != null) {
      builder.header(WebhookSignature.HEADER, signature);
    }
    return builder.build();
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private URI webhookUri() {
    return uri(WebhookServer.WEBHOOK_PATH);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }
}
