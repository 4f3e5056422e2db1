package dev.foresight.renderer;

import static dev.foresight.renderer.FluxHarness.entry;
import static dev.foresight.renderer.FluxHarness.ks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.renderer.secret.SecretMasker;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.RenderStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every masking path end to end through the {@link Renderer}: (a) SOPS, (b) configured mask and
 * ignore rules, (c) Secret-substituted values (their literal copies stay visible), (d) the render
 * cache and work directories on disk, (e) error and warning text.
 */
class MaskingTest {

  private static final String DB_PASSWORD = "db-pass-CLEAR-1";
  private static final String API_TOKEN = "api-token-CLEAR-2";
  private static final String CREDENTIAL = "cm-credential-CLEAR-3";
  private static final String CIPHERTEXT = "ENC[AES256_GCM,data:Q0lQSEVSLVRFWFQ=,iv:aXY=,tag:dGFn,type:str]";
  private static final List<String> VALUES = List.of(DB_PASSWORD, API_TOKEN, CREDENTIAL, "Q0lQSEVSLVRFWFQ=",
      b64(DB_PASSWORD), b64(API_TOKEN));

  @TempDir
  Path tmp;

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static Map<String, String> repo() {
    Map<String, String> files = new HashMap<>();
    files.put("foresight.yaml", """
        report:
          mask:
          - {kind: ConfigMap, name: "*-credentials", path: "data.*"}
          ignore:
          - {kind: "*", path: "metadata.annotations[example.com/build-time]"}
        """);
    files.put("profiles/p/kustomization.yaml", entry("app.yaml", "broken.yaml"));
    files.put("profiles/p/app.yaml", ks("app", "./apps/app",
        "postBuild:\n  substituteFrom:\n  - kind: Secret\n    name: app-secrets"));
    files.put("profiles/p/broken.yaml", ks("broken", "./apps/broken"));
    files.put("secrets/app-secrets.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-secrets\n"
        + "  namespace: flux-system\nstringData:\n  db_password: " + DB_PASSWORD + "\n");
    files.put("apps/app/kustomization.yaml", "resources:\n- config.yaml\n- secret.yaml\n- sops.yaml\n- creds.yaml\n");
    files.put("apps/app/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: apps\n"
        + "  annotations:\n    example.com/build-time: \"2026-01-01T00:00:00Z\"\n    keep: kept\n"
        + "data:\n  password: ${db_password}\n  copy: " + DB_PASSWORD + "\n  url: postgres://app:" + API_TOKEN
        + "@db:5432/app\n");
    files.put("apps/app/secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: api\n  namespace: apps\n"
        + "data:\n  token: " + b64(API_TOKEN) + "\n");
    files.put("apps/app/sops.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: sealed\n  namespace: apps\n"
        + "stringData:\n  key: " + CIPHERTEXT + "\nsops:\n  lastmodified: \"2026-01-01T00:00:00Z\"\n"
        + "  mac: ENC[AES256_GCM,data:bWFjLW1hYw==,iv:aXY=,tag:dGFn,type:str]\n  version: 3.8.1\n");
    files.put("apps/app/creds.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: db-credentials\n"
        + "  namespace: apps\ndata:\n  user: " + CREDENTIAL + "\n");
    // a kubectl error that quotes content holding a Secret value (here: a file name)
    files.put("apps/broken/kustomization.yaml", "resources:\n- " + DB_PASSWORD + ".yaml\n");
    return files;
  }

  @Test
  void nothingLeavesTheRendererUnmaskedNorStaysOnDisk() throws Exception {
    SecretMasker masker = new SecretMasker(FluxHarness.KEY);
    List<String> seen = new ArrayList<>();
    try (FluxHarness flux = new FluxHarness(tmp)) {
      String head = flux.commit(repo());
      RenderResult app = flux.render(head, "p", "app");
      assertEquals(RenderStatus.OK, app.getStatus(), app.getError());
      String out = app.getHead().getContent();
      // (c) a substituted Secret value is masked; literal copies written in the repository stay visible
      // (masking by provenance, not by value: see ProvenanceMaskingTest)
      assertTrue(out.contains("password: " + masker.token(DB_PASSWORD)), out);
      assertTrue(out.contains("copy: " + DB_PASSWORD), out);
      assertTrue(out.contains("url: postgres://app:" + API_TOKEN + "@db:5432/app"), out);
      seen.add(out.replace("copy: " + DB_PASSWORD, "").replace("url: postgres://app:" + API_TOKEN, ""));
      seen.addAll(app.getWarnings());
      // (a) SOPS
      assertTrue(out.contains("key: " + masker.sopsToken(CIPHERTEXT)), out);
      assertFalse(out.contains("sops:") || out.contains("ENC[") || out.contains("lastmodified"), out);
      // (b) configured rules
      assertTrue(out.contains("user: " + masker.token(CREDENTIAL)), out);
      assertFalse(out.contains("build-time"), out);
      assertTrue(out.contains("keep: kept"), out);
      assertTrue(app.getWarnings().contains("ignored fields: 1 rule matched 1 object"), app.getWarnings().toString());
      assertTrue(app.getWarnings().contains("masked fields: 1 rule matched 1 object"), app.getWarnings().toString());

      // (e) errors
      RenderResult broken = flux.render(head, "p", "broken");
      assertEquals(RenderStatus.ERROR, broken.getStatus());
      seen.add(broken.getError());
      assertTrue(broken.getError().contains(masker.token(DB_PASSWORD)), broken.getError());

      // a second render answered by the cache masks the same way
      flux.renderer.close();
      try (Renderer again = new Renderer(new RendererConfig(tmp.resolve("data"), FluxHarness.KEY,
          java.time.Duration.ofSeconds(60)))) {
        RenderResult cached = again.render(again.jobs(again.plan(flux.change(dev.foresight.schema.ChangeIds.ZERO_SHA, head))).stream()
            .filter(j -> j.getKustomization().equals("app")).findFirst().orElseThrow());
        assertTrue(cached.getCacheHits() > 0, "a second renderer of the same build reuses the cached render");
        assertEquals(out, cached.getHead().getContent(), "the same masked output");
      }
    }
    for (String text : seen) {
      for (String value : VALUES) {
        assertFalse(text.contains(value), "'" + value + "' in clear:\n" + text);
      }
    }
    // (d) nothing in clear on disk under the data directory: cache entries encrypted, work dirs gone
    Path data = tmp.resolve("data");
    int files = 0;
    try (Stream<Path> walk = Files.walk(data.resolve("cache"))) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        files++;
        byte[] bytes = Files.readAllBytes(f);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (bytes.length > 2 && bytes[0] == (byte) 0x1f && bytes[1] == (byte) 0x8b) {
          try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            text += new String(in.readAllBytes(), StandardCharsets.ISO_8859_1); // compression is no protection
          }
        }
        for (String value : VALUES) {
          assertFalse(text.contains(value), "'" + value + "' in clear in " + f);
        }
      }
    }
    assertTrue(files > 0, "the render cache was used");
    if (Files.isDirectory(data.resolve("work"))) {
      try (Stream<Path> walk = Files.walk(data.resolve("work"))) {
        assertEquals(List.of(), walk.filter(Files::isRegularFile).toList(), "materialised trees are deleted on close");
      }
    }
  }
}
