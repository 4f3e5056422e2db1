package dev.foresight.ingest.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.ingest.Fixtures;
import dev.foresight.ingest.github.GitHubEvents;
import dev.foresight.ingest.github.WebhookSignature;
import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.ChangeKind;
import dev.foresight.schema.ChangeRequested;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The GitHub signature vectors of {@code ../shared/fixtures/github/signature-vectors.json} over
 * HTTP: the vector's exact body bytes with its {@code X-Hub-Signature-256} header (as GitHub would
 * send them, not signed by our own code) to {@code POST /webhooks/github} of a server holding the
 * vector's secret. Skipped, saying so, when {@code ../shared} is absent.
 */
class WebhookVectorsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<ChangeRequested> submitted = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Path github;
  private JsonNode vectors;

  @BeforeEach
  void readVectors() throws Exception {
    github = Fixtures.shared().resolve("fixtures/github");
    vectors = JSON.readTree(Files.readAllBytes(github.resolve("signature-vectors.json")));
  }

  @Test
  void thePayloadFileVectorIsAcceptedAndItsPushSubmitted() throws Exception {
    JsonNode vector = vector("payload-file");
    byte[] body = body(vector);
    assertEquals(vector.path("body_bytes").intValue(), body.length, "the exact bytes of " + vector.path("body_file"));
    JsonNode payload = JSON.readTree(body);

    HttpResponse<String> response = post(vector.path("secret").textValue(), body,
        vector.path("expected_header").textValue());

    assertEquals(202, response.statusCode(), response.body());
    assertEquals(1, submitted.size(), "one change submitted");
    ChangeRequested change = submitted.get(0);
    assertEquals(ChangeKind.PUSH, change.getKind());
    assertEquals(payload.path("repository").path("clone_url").textValue(), change.getRepo());
    assertEquals(payload.path("ref").textValue(), change.getRef());
    assertEquals(ChangeIds.ZERO_SHA, change.getBase(), "a created branch");
    assertEquals(payload.path("after").textValue(), change.getHead());
    assertTrue(response.body().contains(change.getChangeId()), response.body());
  }

  @Test
  void thePayloadFileWithOneByteChangedIsUnauthorized() throws Exception {
    JsonNode vector = vector("payload-file");
    byte[] body = body(vector);
    String text = new String(body, StandardCharsets.UTF_8);
    String after = JSON.readTree(body).path("after").textValue();
    byte[] tampered = text.replace(after, after.substring(0, 39) + (after.endsWith("0") ? "1" : "0"))
        .getBytes(StandardCharsets.UTF_8);
    assertEquals(body.length, tampered.length);

    HttpResponse<String> response = post(vector.path("secret").textValue(), tampered,
        vector.path("expected_header").textValue());

    assertEquals(401, response.statusCode(), response.body());
    assertTrue(response.body().contains("invalid X-Hub-Signature-256 signature"), response.body());
    assertEquals(List.of(), submitted);
  }

  @Test
  void everyVectorPassesTheSignatureCheck() throws Exception {
    List<String> names = new ArrayList<>();
    for (JsonNode vector : vectors.path("vectors")) {
      HttpResponse<String> response = post(vector.path("secret").textValue(), body(vector),
          vector.path("expected_header").textValue());
      // the bodies that are not push payloads fail after the signature check, as a bad request
      assertNotEquals(401, response.statusCode(), vector.path("name") + ": " + response.body());
      assertTrue(response.statusCode() == 202 || response.statusCode() == 400,
          vector.path("name") + ": " + response.statusCode() + " " + response.body());
      names.add(vector.path("name").textValue());
    }
    assertTrue(names.containsAll(List.of("github-docs", "payload-file", "empty-body", "non-ascii-utf8")), "" + names);
  }

  @Test
  void everyNegativeVectorIsUnauthorized() throws Exception {
    int checked = 0;
    for (JsonNode negative : vectors.path("negative")) {
      HttpResponse<String> response = post(negative.path("secret").textValue(), body(negative),
          negative.path("header").textValue());
      assertEquals(401, response.statusCode(), negative.path("name") + ": " + response.body());
      checked++;
    }
    assertEquals(3, checked, "negative vectors");
    assertEquals(List.of(), submitted);
  }

  private JsonNode vector(String name) {
    for (JsonNode vector : vectors.path("vectors")) {
      if (name.equals(vector.path("name").textValue())) {
        return vector;
      }
    }
    throw new AssertionError("no vector " + name + " in signature-vectors.json");
  }

  private byte[] body(JsonNode vector) throws Exception {
    if (vector.has("body_file")) {
      return Files.readAllBytes(github.resolve(vector.path("body_file").textValue()));
    }
    if (vector.has("body")) {
      return vector.path("body").textValue().getBytes(StandardCharsets.UTF_8);
    }
    return Base64.getDecoder().decode(vector.path("body_base64").textValue());
  }

  /** POSTs {@code body} with {@code signature} as a push delivery to a server holding {@code secret}. */
  private HttpResponse<String> post(String secret, byte[] body, String signature) throws Exception {
    WebhookConfig config = WebhookConfig.of("127.0.0.1", 0, secret);
    try (WebhookServer server = WebhookServer.start(config,
        new GitHubEvents(config.promotionBranches(), Clock.systemUTC()), submitted::add)) {
      HttpRequest request = HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + server.port() + WebhookServer.WEBHOOK_PATH))
          .header("Content-Type", "application/json")
          .header("X-GitHub-Event", "push")
          .header("X-GitHub-Delivery", "vector-" + System.nanoTime())
          .header(WebhookSignature.HEADER, signature)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body))
          .build();
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
  }
}
