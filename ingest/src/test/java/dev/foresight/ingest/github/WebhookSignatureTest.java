package dev.foresight.ingest.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.ingest.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class WebhookSignatureTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> bundledVectors() throws Exception {
    return tests(Fixtures.github("signature-vectors.json"), Fixtures::github);
  }

  @TestFactory
  Stream<DynamicTest> sharedVectors() throws Exception {
    Path dir = Fixtures.shared().resolve("fixtures/github");
    return tests(Files.readAllBytes(dir.resolve("signature-vectors.json")), name -> read(dir.resolve(name)));
  }

  private static Stream<DynamicTest> tests(byte[] vectorsJson, Function<String, byte[]> files) throws Exception {
    JsonNode root = JSON.readTree(vectorsJson);
    List<DynamicTest> tests = new ArrayList<>();
    assertEquals(4, root.path("vectors").size(), "vector count");
    assertEquals(3, root.path("negative").size(), "negative count");
    for (JsonNode v : root.path("vectors")) {
      byte[] body = body(v, files);
      String secret = v.path("secret").textValue();
      String expected = v.path("expected_header").textValue();
      tests.add(dynamicTest(v.path("name").textValue(), () -> {
        assertEquals(expected, WebhookSignature.sign(secret, body));
        assertTrue(WebhookSignature.verify(secret, body, expected));
        if (v.has("body_base64")) {
          assertEquals(expected, WebhookSignature.sign(secret, Base64.getDecoder().decode(v.path("body_base64").textValue())));
        }
      }));
    }
    for (JsonNode n : root.path("negative")) {
      byte[] body = body(n, files);
      tests.add(dynamicTest("rejects " + n.path("name").textValue(), () ->
          assertFalse(WebhookSignature.verify(n.path("secret").textValue(), body, n.path("header").textValue()))));
    }
    return tests.stream();
  }

  private static byte[] body(JsonNode vector, Function<String, byte[]> files) {
    if (vector.has("body_file")) {
      return files.apply(vector.path("body_file").textValue());
    }
    if (vector.has("body")) {
      return vector.path("body").textValue().getBytes(StandardCharsets.UTF_8);
    }
    return Base64.getDecoder().decode(vector.path("body_base64").textValue());
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void malformedHeadersAreRejected() {
    byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    String secret = "It's a Secret to Everybody";
    String good = WebhookSignature.sign(secret, body);
    assertTrue(WebhookSignature.verify(secret, body, good));
    assertFalse(WebhookSignature.verify(secret, body, null));
    assertFalse(WebhookSignature.verify(secret, body, ""));
    assertFalse(WebhookSignature.verify(secret, body, "sha256="));
    assertFalse(WebhookSignature.verify(secret, body, "sha1=01dc10d0c83e72ed246219cdd91669667fe2ca59"));
    assertFalse(WebhookSignature.verify(secret, body, good.substring(0, good.length() - 2)));
    assertFalse(WebhookSignature.verify(secret, body, good + "00"));
    assertFalse(WebhookSignature.verify(secret, body, good.substring(0, good.length() - 1) + "z"));
    assertFalse(WebhookSignature.verify(secret, body, " " + good));
  }
}
