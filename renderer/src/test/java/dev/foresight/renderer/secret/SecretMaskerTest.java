package dev.foresight.renderer.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.renderer.manifest.Manifests;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class SecretMaskerTest {

  private final SecretMasker masker = new SecretMasker("test-key".getBytes(StandardCharsets.UTF_8));

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String secret(String name, String password, String token) {
    return "apiVersion: v1\nkind: Secret\nmetadata:\n  name: " + name + "\ntype: Opaque\n"
        + "data:\n  password: " + b64(password) + "\n"
        + "stringData:\n  token: " + token + "\n  same: " + password + "\n";
  }

  private static final String CONFIG_MAP =
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg   # odd spacing kept\ndata:\n  Secret: \"not-a-secret\"\n";

  @SuppressWarnings("unchecked")
  private static Map<String, Object> load(String doc) {
    return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(doc);
  }

  @Test
  @SuppressWarnings("unchecked")
  void clearValuesNeverAppear() {
    String out = masker.mask(secret("db", "hunter2-password", "tok-12345"));
    assertFalse(out.contains("hunter2-password"), out);
    assertFalse(out.contains(b64("hunter2-password")), out);
    assertFalse(out.contains("tok-12345"), out);
    Map<String, Object> doc = load(out);
    Map<String, String> data = (Map<String, String>) doc.get("data");
    Map<String, String> stringData = (Map<String, String>) doc.get("stringData");
    assertTrue(data.get("password").matches("masked:[0-9a-f]{16}"), data.toString());
    assertTrue(stringData.get("token").matches("masked:[0-9a-f]{16}"), stringData.toString());
    assertEquals("db", ((Map<String, Object>) doc.get("metadata")).get("name"));
    assertEquals("Opaque", doc.get("type"));
  }

  @Test
  void equalValuesGiveEqualTokensAcrossDataAndStringData() {
    Map<String, Object> doc = load(masker.mask(secret("db", "pw", "t")));
    assertEquals(((Map<?, ?>) doc.get("data")).get("password"), ((Map<?, ?>) doc.get("stringData")).get("same"));
    assertEquals(masker.mask(secret("db", "pw", "t")), masker.mask(secret("db", "pw", "t")));
  }

  @Test
  void changedValueChangesToken() {
    assertNotEquals(masker.mask(secret("db", "pw1", "t")), masker.mask(secret("db", "pw2", "t")));
    assertNotEquals(masker.mask(secret("db", "pw", "t")),
        new SecretMasker("other-key".getBytes(StandardCharsets.UTF_8)).mask(secret("db", "pw", "t")));
  }

  @Test
  void otherDocumentsAreKeptByteForByte() {
    String notV1 = "apiVersion: example.com/v1\nkind: Secret\nmetadata:\n  name: x\ndata:\n  a: b\n";
    String input = CONFIG_MAP + "---\n" + secret("db", "pw", "t") + "---\n" + notV1;
    List<String> out = Manifests.split(masker.mask(input));
    assertEquals(3, out.size());
    assertEquals(CONFIG_MAP, out.get(0));
    assertEquals(notV1, out.get(2));
    assertFalse(out.get(1).contains("pw"));
  }

  @Test
  void unparseableSecretIsReplacedWithoutEchoingIt() {
    String broken = "apiVersion: v1\nkind: Secret\nstringData:\n  pw: [clear-value\n";
    String out = masker.mask(broken);
    assertFalse(out.contains("clear-value"), out);
    assertTrue(out.startsWith("# "), out);
  }
}
