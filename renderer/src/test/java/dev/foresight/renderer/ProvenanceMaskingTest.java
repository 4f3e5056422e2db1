package dev.foresight.renderer;

import static dev.foresight.renderer.FluxHarness.entry;
import static dev.foresight.renderer.FluxHarness.ks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.renderer.manifest.Manifests;
import dev.foresight.renderer.secret.SecretMasker;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.RenderStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Masking by provenance, not by value (issue 12), through the {@link Renderer} over real git
 * repositories: what came from a Secret is masked (its data, the spans postBuild substituted from
 * it, the fields replacements and vars copied it into), and nothing else, even when it is equal to
 * a Secret value.
 */
class ProvenanceMaskingTest {

  private static final SecretMasker MASKER = new SecretMasker(FluxHarness.KEY);

  @TempDir
  Path tmp;

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String token(String clear) {
    return MASKER.token(clear);
  }

  /** The documents of {@code out} that are not Secrets. */
  private static String others(String out) {
    return String.join("---\n", Manifests.split(out).stream().filter(d -> !d.contains("kind: Secret\n")).toList());
  }

  private static RenderResult render(Path tmp, Map<String, String> files, String ks) throws Exception {
    try (FluxHarness flux = new FluxHarness(tmp)) {
      RenderResult result = flux.render(flux.commit(files), "p", ks);
      assertEquals(RenderStatus.OK, result.getStatus(), result.getError());
      return result;
    }
  }

  /**
   * The worker app of the demo sample (app/src/main/resources/sample/tree/apps/base/worker), with an
   * argument and a Secret value shaped like the image path added.
   */
  static Map<String, String> sampleWorker() {
    Map<String, String> files = new HashMap<>();
    files.put("profiles/p/kustomization.yaml", entry("worker.yaml"));
    files.put("profiles/p/worker.yaml", ks("worker", "./apps/base/worker", "targetNamespace: apps"));
    files.put("apps/base/worker/kustomization.yaml", """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        labels:
          - pairs:
              app.kubernetes.io/name: worker
            includeSelectors: true
        resources:
          - serviceaccount.yaml
          - secret.yaml
          - deployment.yaml
        configMapGenerator:
          - name: worker-config
            literals:
              - LOG_LEVEL=info
              - QUEUE_NAME=orders
        images:
          - name: ghcr.io/example/worker
            newTag: 2.7.0
        """);
    files.put("apps/base/worker/secret.yaml", """
        apiVersion: v1
        kind: Secret
        metadata:
          name: worker-queue
        type: Opaque
        stringData:
          QUEUE_USER: worker
          QUEUE_PASSWORD: b8e2d71f0c934a56
          REGISTRY_PATH: example/worker
        """);
    files.put("apps/base/worker/serviceaccount.yaml", "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: worker\n");
    files.put("apps/base/worker/deployment.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: worker
        spec:
          replicas: 1
          template:
            spec:
              serviceAccountName: worker
              containers:
                - name: worker
                  image: ghcr.io/example/worker
                  args: ["--queue", "$(QUEUE_NAME)", "--user", "worker"]
                  envFrom:
                    - configMapRef:
                        name: worker-config
                    - secretRef:
                        name: worker-queue
        """);
    return files;
  }

  @Test
  void theSamplesQueueUserMasksNoLabelNameOrImage() throws Exception {
    String out = render(tmp, sampleWorker(), "worker").getHead().getContent();
    assertTrue(out.contains("QUEUE_USER: " + token("worker")), "the Secret's own value is masked:\n" + out);
    assertTrue(out.contains("QUEUE_PASSWORD: " + token("b8e2d71f0c934a56")), out);
    assertTrue(out.contains("REGISTRY_PATH: " + token("example/worker")), out);
    String others = others(out);
    assertFalse(others.contains("masked:"), "nothing outside the Secret came from it:\n" + others);
    assertTrue(others.contains("app.kubernetes.io/name: worker"), others);
    assertTrue(others.contains("serviceAccountName: worker"), others);
    assertTrue(others.contains("- name: worker") || others.contains("name: worker\n"), others);
    assertTrue(others.contains("image: ghcr.io/example/worker:2.7.0"), "image names stay (the changelog compares them)\n"
        + others);
    assertTrue(others.contains("- worker\n"), "an argument equal to the Secret's value stays:\n" + others);
  }

  @Test
  void aSubstitutedSecretValueIsMaskedInItsSpanOnly() throws Exception {
    Map<String, String> files = new HashMap<>();
    files.put("profiles/p/kustomization.yaml", entry("app.yaml"));
    files.put("profiles/p/app.yaml", ks("app", "./apps/app",
        "postBuild:\n  substituteFrom:\n  - kind: Secret\n    name: db-credentials"));
    files.put("secrets/db.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-credentials\n"
        + "  namespace: flux-system\nstringData:\n  DB_USER: app-user-01\n  DB_PASSWORD: Pa55-w0rd-CLEAR\n");
    files.put("apps/app/kustomization.yaml", "resources:\n- config.yaml\n");
    files.put("apps/app/config.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: app
          namespace: apps
          labels:
            owner: app-user-01
        data:
          url: postgres://app-user-01:${DB_PASSWORD}@db:5432/app
          user: ${DB_USER}
          short: ${DB_PASSWORD:0:4}-suffix
        """);
    RenderResult result;
    RenderResult rotated;
    try (FluxHarness flux = new FluxHarness(tmp)) {
      String base = flux.commit(files);
      files.put("secrets/db.yaml", files.get("secrets/db.yaml").replace("Pa55-w0rd-CLEAR", "Pa55-w0rd-ROTATED"));
      String head = flux.commit(files);
      result = flux.render(base, "p", "app");
      rotated = flux.render(base, head, "p", "flux-system", "app");
    }
    String out = result.getHead().getContent();
    assertTrue(out.contains("url: postgres://app-user-01:" + token("Pa55-w0rd-CLEAR") + "@db:5432/app"),
        "exactly the substituted span is masked; the literal user name in the same string stays:\n" + out);
    assertTrue(out.contains("user: " + token("app-user-01")), "substituted from the Secret: masked\n" + out);
    assertTrue(out.contains("short: " + token("Pa55") + "-suffix"), "an operator's result is masked as a span\n" + out);
    assertTrue(out.contains("owner: app-user-01"), "the same value as a literal label stays visible\n" + out);
    assertFalse(out.contains("Pa55-w0rd") || out.contains("Pa55-"), out);
    assertNotEquals(rotated.getBase().getContent(), rotated.getHead().getContent(), "a rotated value shows as changed");
    assertEquals(rotated.getBase().getContent().replace(token("Pa55-w0rd-CLEAR"), token("Pa55-w0rd-ROTATED")),
        rotated.getHead().getContent(), "only the token of the rotated value changes");
    assertFalse(rotated.getHead().getContent().contains("ROTATED"), rotated.getHead().getContent());
  }

  @Test
  void aSecretValueThatBreaksTheYamlFailsAsInFluxThoughItsTokenWouldFit() throws Exception {
    Map<String, String> files = new HashMap<>();
    files.put("profiles/p/kustomization.yaml", entry("app.yaml"));
    files.put("profiles/p/app.yaml", ks("app", "./apps/app",
        "postBuild:\n  substituteFrom:\n  - kind: Secret\n    name: vars"));
    files.put("secrets/vars.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: vars\n  namespace: flux-system\n"
        + "stringData:\n  motto: 'keep: calm-CLEAR'\n");
    files.put("apps/app/kustomization.yaml", "resources:\n- config.yaml\n");
    files.put("apps/app/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: apps\n"
        + "data:\n  motto: ${motto}\n");
    try (FluxHarness flux = new FluxHarness(tmp)) {
      RenderResult result = flux.render(flux.commit(files), "p", "app");
      assertEquals(RenderStatus.ERROR, result.getStatus(), "kustomize-controller parses the clear value: "
          + result.getHead());
      assertTrue(result.getError().contains("ConfigMap apps/app") && result.getError().contains("not valid YAML"),
          result.getError());
      assertFalse(result.getError().contains("calm-CLEAR"), result.getError());
    }
  }

  @Test
  void aSecretValueEqualToALabelElsewhereStaysVisibleInTheLabel() throws Exception {
    Map<String, String> files = new HashMap<>();
    files.put("profiles/p/kustomization.yaml", entry("app.yaml"));
    files.put("profiles/p/app.yaml", ks("app", "./apps/app"));
    files.put("apps/app/kustomization.yaml", "resources:\n- secret.yaml\n- service.yaml\n");
    files.put("apps/app/secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: billing\n  namespace: apps\n"
        + "data:\n  team: " + b64("payments-platform") + "\n");
    files.put("apps/app/service.yaml", """
        apiVersion: v1
        kind: Service
        metadata:
          name: billing
          namespace: apps
          labels:
            team: payments-platform
          annotations:
            owner: team payments-platform on call
        spec:
          selector:
            team: payments-platform
          ports:
          - port: 80
        """);
    String out = render(tmp, files, "app").getHead().getContent();
    assertTrue(out.contains("team: " + token("payments-platform")), "the Secret's data is masked:\n" + out);
    String service = others(out);
    assertFalse(service.contains("masked:"), service);
    assertEquals(2, service.split("team: payments-platform", -1).length - 1, service);
    assertTrue(service.contains("owner: team payments-platform on call"), service);
  }

  /** Replacements from a Secret: inline, from a path: file, source by name only, with a delimiter, chained; and vars. */
  static Map<String, String> replacements() {
    Map<String, String> files = new HashMap<>();
    files.put("profiles/p/kustomization.yaml", entry("app.yaml"));
    files.put("profiles/p/app.yaml", ks("app", "./apps/app"));
    files.put("apps/app/kustomization.yaml", """
        resources:
        - secret.yaml
        - config.yaml
        - deployment.yaml
        replacements:
        - source:
            kind: Secret
            name: db
            fieldPath: stringData.password
          targets:
          - select:
              kind: Deployment
            fieldPaths:
            - spec.template.spec.containers.[name=app].env.[name=DB_PASSWORD].value
          - select:
              kind: ConfigMap
              name: app
            fieldPaths:
            - data.dsn
            options:
              delimiter: '|'
              index: 1
        - path: token-replacement.yaml
        - source:
            kind: ConfigMap
            name: app
            fieldPath: data.dsn
          targets:
          - select:
              kind: Deployment
            fieldPaths:
            - spec.template.metadata.annotations.[example.com/dsn]
        vars:
        - name: API_KEY
          objref:
            apiVersion: v1
            kind: Secret
            name: db
          fieldref:
            fieldpath: stringData.apiKey
        """);
    files.put("apps/app/token-replacement.yaml", """
        source:
          name: db
          fieldPath: data.token
        targets:
        - select:
            kind: Deployment
          fieldPaths:
          - spec.template.spec.containers.[name=app].env.[name=TOKEN].value
        """);
    files.put("apps/app/secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: apps\n"
        + "stringData:\n  password: Repl-S3cret-01\n  apiKey: api-key-VAR-02\ndata:\n  token: " + b64("tok-REPL-03")
        + "\n");
    files.put("apps/app/config.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: app
          namespace: apps
        data:
          dsn: db.apps|PLACEHOLDER|5432
          literal: Repl-S3cret-01
        """);
    files.put("apps/app/deployment.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: app
          namespace: apps
        spec:
          template:
            metadata:
              annotations:
                example.com/dsn: none
            spec:
              containers:
              - name: app
                image: ghcr.io/example/app:1.0.0
                args: ["--api-key", "$(API_KEY)"]
                env:
                - name: DB_PASSWORD
                  value: PLACEHOLDER
                - name: TOKEN
                  value: PLACEHOLDER
                - name: PLAIN
                  value: Repl-S3cret-01
        """);
    return files;
  }

  @Test
  void replacementsAndVarsFromASecretAreMaskedInTheirTargets() throws Exception {
    RenderResult result = render(tmp, replacements(), "app");
    String out = result.getHead().getContent();
    String others = others(out);
    assertTrue(others.contains("value: " + token("Repl-S3cret-01")), "replacement target masked:\n" + others);
    assertTrue(others.contains("dsn: db.apps|" + token("Repl-S3cret-01") + "|5432"),
        "a delimiter target: exactly the replaced part\n" + others);
    assertTrue(others.contains("example.com/dsn: db.apps|" + token("Repl-S3cret-01") + "|5432"),
        "copied on from a field a Secret replacement wrote\n" + others);
    assertTrue(others.contains("value: " + token("tok-REPL-03")), "data (base64) copied: the Secret's own token\n"
        + others);
    assertTrue(others.contains("- " + token("api-key-VAR-02")), "a var from a Secret\n" + others);
    assertFalse(others.contains(b64("tok-REPL-03")) || others.contains("api-key-VAR-02"), others);
    assertTrue(others.contains("literal: Repl-S3cret-01"), "a literal equal to the value stays visible\n" + others);
    assertTrue(others.contains("value: Repl-S3cret-01"), "a literal in another env var stays visible\n" + others);
    assertTrue(others.contains("image: ghcr.io/example/app:1.0.0"), others);
  }
}
