package dev.foresight.renderer.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** (a) SOPS ciphertexts, (c) Secret values in other objects, (e) messages. */
class MaskingPathsTest {

  private final SecretMasker masker = new SecretMasker("paths-key".getBytes(StandardCharsets.UTF_8));

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static final String ENC1 = "ENC[AES256_GCM,data:Zm9vYmFy,iv:aXYx,tag:dGFnMQ==,type:str]";
  private static final String ENC2 = "ENC[AES256_GCM,data:YmFyYmF6,iv:aXYy,tag:dGFnMg==,type:str]";

  private static String sopsSecret(String enc, String modified) {
    return "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: apps\nstringData:\n  password: " + enc
        + "\nsops:\n  age:\n  - enc: |\n      -----BEGIN AGE ENCRYPTED FILE-----\n      abc\n    recipient: age1xyz\n"
        + "  lastmodified: \"" + modified + "\"\n  mac: ENC[AES256_GCM,data:bWFj,iv:aXY=,tag:dGFn,type:str]\n"
        + "  version: 3.8.1\n";
  }

  @Test
  void sopsCiphertextBecomesAnEncryptedTokenAndTheMetadataBlockIsDropped() {
    String one = masker.mask(sopsSecret(ENC1, "2026-01-01T00:00:00Z"));
    assertFalse(one.contains("ENC[") || one.contains("sops:") || one.contains("lastmodified") || one.contains("Zm9vYmFy"),
        one);
    assertTrue(one.contains("password: " + masker.sopsToken(ENC1)), one);
    assertTrue(Pattern.compile("password: sops-encrypted:[0-9a-f]{16}\n").matcher(one).find(), one);
    String again = masker.mask(sopsSecret(ENC1, "2026-02-02T00:00:00Z"));
    assertEquals(one, again, "a new lastmodified/mac alone is no change (the sops block is noise)");
    String reEncrypted = masker.mask(sopsSecret(ENC2, "2026-02-02T00:00:00Z"));
    assertNotEquals(one, reEncrypted, "a re-encryption (new ciphertext) shows as 'encrypted value changed'");
    assertNotEquals(masker.sopsToken(ENC1), masker.token(ENC1), "distinct token spaces for clear and encrypted");
  }

  @Test
  void sopsValuesInOtherKindsAreTokenisedToo() {
    String release = "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: app\nspec:\n"
        + "  values:\n    db:\n      password: " + ENC1 + "\n    url: postgres://u:" + ENC2 + "@db\n";
    String out = masker.mask(release);
    assertFalse(out.contains("ENC["), out);
    assertTrue(out.contains(masker.sopsToken(ENC1)) && out.contains("postgres://u:" + masker.sopsToken(ENC2) + "@db"),
        out);
  }

  @Test
  void documentsWithoutSecretContentStayByteForByte() {
    String cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg   # odd spacing\ndata:\n  a: \"1\"\n";
    String all = cm + "---\n" + sopsSecret(ENC1, "x");
    String out = masker.mask(all);
    assertTrue(out.startsWith(cm + "---\n"), out);
    assertEquals(cm, masker.maskValues(cm, Set.of("hunter2-clear")));
  }

  @Test
  void secretValuesAreCollectedFromDataAndStringData() {
    String secret = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  a: " + b64("alpha-value")
        + "\nstringData:\n  b: beta-value\n  c: " + ENC1 + "\n";
    Set<String> values = masker.secretValues(secret);
    assertTrue(values.containsAll(List.of("alpha-value", "beta-value")), values.toString());
    assertFalse(values.stream().anyMatch(v -> v.contains("ENC[")), "ciphertexts are not clear values: " + values);
  }

  @Test
  void secretValuesAreReplacedWhereverTheyAppearInOtherObjects() {
    String value = "s3cr3t-app-0001";
    String doc = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: leaky\ndata:\n  copy: " + value + "\n"
        + "  url: https://user:" + value + "@example.com\n  encoded: " + b64(value) + "\n  short: abc\n"
        + "  name: s3cr3t-app-0001x-not-a-key\n";
    String out = masker.maskValues(doc, Set.of(value, "abc", "name"));
    assertFalse(out.contains(value) || out.contains(b64(value)), out);
    assertTrue(out.contains("copy: " + masker.token(value)), out);
    assertTrue(out.contains("url: https://user:" + masker.token(value) + "@example.com"), out);
    assertTrue(out.contains("short: abc"), "values under 4 characters are not searched: " + out);
    assertTrue(out.contains("  name: "), "keys are never rewritten: " + out);
    assertTrue(out.contains("metadata:\n  name: leaky"), out);
  }

  @Test
  void commonScalarsAndObjectIdentityAreNotRewritten() {
    String doc = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: postgres\n  namespace: postgres\n"
        + "  labels:\n    app: postgres\nspec:\n  paused: true\n  replicas: 1234\n";
    String out = masker.maskValues(doc, Set.of("true", "1234", "postgres", "3.14", "null"));
    assertTrue(out.contains("name: postgres\n  namespace: postgres\n"), out);
    assertTrue(out.contains("app: " + masker.token("postgres")), "other values are masked: " + out);
    assertTrue(out.contains("paused: true") && out.contains("replicas: 1234"), out);
    assertEquals("paused: true", masker.scrub("paused: true", Set.of("true")));
  }

  @Test
  void messagesAreScrubbed() {
    String value = "hunter2-clear-value";
    String error = "accumulating resources from '" + value + ".yaml': file not found; encoded " + b64(value)
        + "; object {{v1 Secret} {{ } map[] map[]} data:map[password:aHVudGVy] stringData:map[token:other-clear]}"
        + " sops " + ENC1;
    String out = masker.scrub(error, Set.of(value));
    assertFalse(out.contains(value) || out.contains(b64(value)) || out.contains("other-clear")
        || out.contains("aHVudGVy") || out.contains("ENC["), out);
    Matcher m = Pattern.compile("masked:[0-9a-f]{16}").matcher(out);
    assertTrue(m.find(), out);
    assertTrue(out.contains("data:map[(masked)]") && out.contains("stringData:map[(masked)]"), out);
  }
}
