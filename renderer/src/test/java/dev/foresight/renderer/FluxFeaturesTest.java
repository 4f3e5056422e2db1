package dev.foresight.renderer;

import static dev.foresight.renderer.FluxHarness.entry;
import static dev.foresight.renderer.FluxHarness.ks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.renderer.secret.SecretMasker;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.RenderStatus;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One test per Flux Kustomization feature, end to end through {@link Renderer} on a repository
 * built in code; expectations come from {@code kubectl kustomize} of the hand-written equivalent
 * (the kustomization Flux's generator would write), or are exact text.
 */
class FluxFeaturesTest extends FluxTestBase {

  static final String WEB_KUSTOMIZATION = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
      + "resources:\n- deploy.yaml\n- config.yaml\nimages:\n- name: nginx\n  newTag: \"1.1\"\n";

  static final String DEPLOY = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        labels:
          app: web
      spec:
        selector:
          matchLabels:
            app: web
        template:
          metadata:
            labels:
              app: web
          spec:
            containers:
            - name: web
              image: nginx:1.0
            - name: sidecar
              image: busybox:1.0
      """;

  static final String CONFIG = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata:\n  greeting: hello\n";

  static Map<String, String> web(String... spec) {
    Map<String, String> files = new HashMap<>();
    files.put("apps/web/kustomization.yaml", WEB_KUSTOMIZATION);
    files.put("apps/web/deploy.yaml", DEPLOY);
    files.put("apps/web/config.yaml", CONFIG);
    files.put("profiles/p/kustomization.yaml", entry("web.yaml"));
    files.put("profiles/p/web.yaml", ks("web", "./apps/web", spec));
    return files;
  }

  RenderResult ok(RenderResult result) {
    assertEquals(RenderStatus.OK, result.getStatus(), result.getError());
    return result;
  }

  String renderWeb(Map<String, String> files) throws Exception {
    String head = flux.commit(files);
    return ok(flux.render(head, "p", "web")).getHead().getContent();
  }

  @Test
  void withoutFluxFieldsTheKustomizationIsBuiltAsWritten() throws Exception {
    String out = renderWeb(web());
    assertEquals(flux.oracle("apps/web", Map.of()), out);
  }

  @Test
  void targetNamespace() throws Exception {
    String out = renderWeb(web("targetNamespace: team-a"));
    assertEquals(flux.oracle("apps/web", Map.of("apps/web/kustomization.yaml", WEB_KUSTOMIZATION
        + "namespace: team-a\n")), out);
    assertTrue(out.contains("namespace: team-a"), out);
  }

  @Test
  void namePrefixAndSuffix() throws Exception {
    String out = renderWeb(web("namePrefix: pre-", "nameSuffix: -suf"));
    assertEquals(flux.oracle("apps/web", Map.of("apps/web/kustomization.yaml", WEB_KUSTOMIZATION
        + "namePrefix: pre-\nnameSuffix: -suf\n")), out);
    assertTrue(out.contains("name: pre-web-suf"), out);
  }

  @Test
  void patchesStrategicAndJson6902WithTarget() throws Exception {
    // spec.patches of the Flux Kustomization is kustomization.yaml's patches, as the oracle builds it
    String patches = """
        patches:
        - patch: |
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 3
        - patch: |
            - op: add
              path: /metadata/annotations
              value: {team: a}
          target:
            kind: ConfigMap
            name: web-.*
        """;
    String out = renderWeb(web(patches));
    assertEquals(flux.oracle("apps/web", Map.of("apps/web/kustomization.yaml", WEB_KUSTOMIZATION + patches)), out);
    assertTrue(out.contains("replicas: 3") && out.contains("team: a"), out);
  }

  @Test
  void deprecatedPatchesStrategicMergeAndJson6902AreNotAppliedAsInFluxV1() throws Exception {
    String head = flux.commit(web("""
        patchesStrategicMerge:
        - apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: web
          spec:
            replicas: 2
        patchesJson6902:
        - target:
            version: v1
            kind: ConfigMap
            name: web-config
          patch:
          - op: replace
            path: /data/greeting
            value: bonjour
        """));
    RenderResult result = ok(flux.render(head, "p", "web"));
    assertEquals(flux.oracle("apps/web", Map.of()), result.getHead().getContent());
    assertEquals(2, result.getWarnings().size(), result.getWarnings().toString());
    assertTrue(result.getWarnings().get(0).startsWith("spec.patchesStrategicMerge is not part of"
        + " kustomize.toolkit.fluxcd.io/v1"), result.getWarnings().get(0));
  }

  @Test
  void imagesMergeIntoExistingEntriesAndAddNewOnes() throws Exception {
    String out = renderWeb(web("""
        images:
        - name: nginx
          newName: registry.example.com/nginx
        - name: busybox
          newTag: "1.36"
        """));
    assertEquals(flux.oracle("apps/web", Map.of("apps/web/kustomization.yaml", "resources:\n- deploy.yaml\n"
        + "- config.yaml\nimages:\n- name: nginx\n  newName: registry.example.com/nginx\n  newTag: \"1.1\"\n"
        + "- name: busybox\n  newTag: \"1.36\"\n")), out);
    assertTrue(out.contains("image: registry.example.com/nginx:1.1") && out.contains("image: busybox:1.36"), out);

    String digest = renderWeb(web("images:\n- name: nginx\n  digest: sha256:" + "a".repeat(64)));
    assertTrue(digest.contains("image: nginx@sha256:" + "a".repeat(64)), "a digest replaces the existing tag: " + digest);
  }

  @Test
  void componentsAndIgnoreMissingComponents() throws Exception {
    Map<String, String> files = web("components:\n- ../../components/team\n- ../../components/missing",
        "ignoreMissingComponents: true");
    files.put("components/team/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n"
        + "commonLabels:\n  team: a\n");
    String out = renderWeb(files);
    assertEquals(flux.oracle("apps/web", Map.of("apps/web/kustomization.yaml", WEB_KUSTOMIZATION
        + "components:\n- ../../components/team\n")), out);
    assertTrue(out.contains("team: a"), out);

    Map<String, String> strict = web("components:\n- ../../components/team\n- ../../components/missing");
    String head = flux.commit(strict);
    RenderResult error = flux.render(head, "p", "web");
    assertEquals(RenderStatus.ERROR, error.getStatus());
    assertTrue(error.getError().contains("components/missing") && error.getError().contains("flux-system/web"),
        error.getError());
  }

  @Test
  void commonMetadataLabelsAndAnnotationsOnEveryObjectOnly() throws Exception {
    String out = renderWeb(web("commonMetadata:\n  labels:\n    app: overridden\n    env: prod\n"
        + "  annotations:\n    owner: team-a"));
    assertEquals("""
        apiVersion: v1
        data:
          greeting: hello
        kind: ConfigMap
        metadata:
          name: web-config
          labels:
            app: overridden
            env: prod
          annotations:
            owner: team-a
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          labels:
            app: overridden
            env: prod
          name: web
          annotations:
            owner: team-a
        spec:
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - image: nginx:1.1
                name: web
              - image: busybox:1.0
                name: sidecar
        """, out);
  }

  @Test
  void generatedKustomizationForAPathWithoutOne() throws Exception {
    Map<String, String> files = new HashMap<>();
    files.put("plain/b.yaml", CONFIG.replace("web-config", "b"));
    files.put("plain/a.yml", CONFIG.replace("web-config", "a"));
    files.put("plain/nested/c.yaml", CONFIG.replace("web-config", "c"));
    files.put("plain/notes.txt", "not yaml");
    files.put("plain/kust/kustomization.yaml", "resources:\n- ../../apps/web\nnamePrefix: k-\n");
    files.putAll(web());
    files.put("apps/web/kustomization.yaml", WEB_KUSTOMIZATION);
    files.put("profiles/p/plain.yaml", ks("plain", "./plain", "targetNamespace: gen"));
    files.put("profiles/p/kustomization.yaml", entry("web.yaml", "plain.yaml"));
    String head = flux.commit(files);
    String out = ok(flux.render(head, "p", "plain")).getHead().getContent();
    assertEquals(flux.oracle("plain", Map.of("plain/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\n"
        + "kind: Kustomization\nnamespace: gen\nresources:\n- ./a.yml\n- ./b.yaml\n- ./kust\n- ./nested/c.yaml\n")), out);
  }

  @Test
  void entryWithoutKustomizationIsGeneratedAndEmptyPathGetsAPlaceholder() throws Exception {
    Map<String, String> files = web();
    files.remove("profiles/p/kustomization.yaml");
    files.put("profiles/p/empty.yaml", ks("empty", "./empty-dir"));
    files.put("empty-dir/README.md", "nothing to apply\n");
    String head = flux.commit(files);
    assertEquals(List.of("p:flux-system/empty@empty-dir", "p:flux-system/web@apps/web"),
        FluxHarness.pairs(flux.plan(dev.foresight.schema.ChangeIds.ZERO_SHA, head)));
    RenderResult empty = ok(flux.render(head, "p", "empty"));
    assertEquals(0, empty.getHead().getObjects());
  }

  @Test
  void existingKustomizationWithoutResourcesGetsOriginAnnotationsLikeFlux() throws Exception {
    Map<String, String> files = web();
    files.put("gen/kustomization.yaml", "configMapGenerator:\n- name: generated\n  literals:\n  - a=b\n"
        + "generatorOptions:\n  disableNameSuffixHash: true\n");
    files.put("profiles/p/gen.yaml", ks("gen", "./gen"));
    files.put("profiles/p/kustomization.yaml", entry("web.yaml", "gen.yaml"));
    String head = flux.commit(files);
    String out = ok(flux.render(head, "p", "gen")).getHead().getContent();
    assertTrue(out.contains("config.kubernetes.io/origin"), out);
  }

  // ---- postBuild ----

  static Map<String, String> vars(String... spec) {
    Map<String, String> files = new HashMap<>();
    files.put("apps/vars/kustomization.yaml", "resources:\n- config.yaml\n- script.yaml\n");
    files.put("apps/vars/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: vars\n  namespace: apps\n"
        + "data:\n  cluster: ${cluster}\n  region: ${region}\n  token: ${token:=none}\n  escaped: $${kept}\n");
    files.put("apps/vars/script.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: script\n  namespace: apps\n"
        + "  annotations:\n    kustomize.toolkit.fluxcd.io/substitute: disabled\ndata:\n  run.sh: echo ${HOME} $${x}\n");
    files.put("profiles/p/kustomization.yaml", entry("vars.yaml", "cluster-vars.yaml"));
    files.put("profiles/p/vars.yaml", ks("vars", "./apps/vars", spec));
    files.put("profiles/p/cluster-vars.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cluster-vars\n"
        + "  namespace: flux-system\ndata:\n  cluster: prod-1\n  region: eu-west-1\n");
    return files;
  }

  String data(String out, String key) {
    for (String line : out.split("\n")) {
      if (line.startsWith("  " + key + ": ")) {
        return line.substring(key.length() + 4);
      }
    }
    throw new AssertionError("no data key " + key + " in\n" + out);
  }

  @Test
  void substituteWithDefaultsEscapesAndOptOut() throws Exception {
    String head = flux.commit(vars("postBuild:\n  substitute:\n    cluster: c1\n    region: r1"));
    RenderResult result = ok(flux.render(head, "p", "vars"));
    String out = result.getHead().getContent();
    assertEquals("c1", data(out, "cluster"));
    assertEquals("r1", data(out, "region"));
    assertEquals("none", data(out, "token"));
    assertEquals("${kept}", data(out, "escaped"));
    assertTrue(out.contains("run.sh: echo ${HOME} $${x}"), "opted out: left as written\n" + out);
    assertEquals(List.of(), result.getWarnings());
  }

  @Test
  void optOutByLabelToo() throws Exception {
    Map<String, String> files = vars("postBuild:\n  substitute:\n    cluster: c1\n    region: r1");
    files.put("apps/vars/script.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: script\n  namespace: apps\n"
        + "  labels:\n    kustomize.toolkit.fluxcd.io/substitute: disabled\ndata:\n  run.sh: echo ${cluster}\n");
    String out = renderWeb(files.isEmpty() ? Map.of() : files, "vars");
    assertTrue(out.contains("run.sh: echo ${cluster}"), out);
  }

  String renderWeb(Map<String, String> files, String ks) throws Exception {
    String head = flux.commit(files);
    return ok(flux.render(head, "p", ks)).getHead().getContent();
  }

  @Test
  void substituteFromConfigMapAndSecretInOrderThenSubstituteWins() throws Exception {
    Map<String, String> files = vars("""
        postBuild:
          substitute:
            region: from-substitute
          substituteFrom:
          - kind: ConfigMap
            name: cluster-vars
          - kind: Secret
            name: cluster-secrets
        """);
    // not rendered by this profile: found among the repository's YAML files
    files.put("secrets/cluster-secrets.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: cluster-secrets\n"
        + "  namespace: flux-system\ndata:\n  token: c2VjcmV0LXRva2Vu\nstringData:\n  cluster: from-secret\n");
    String head = flux.commit(files);
    RenderResult result = ok(flux.render(head, "p", "vars"));
    String out = result.getHead().getContent();
    SecretMasker masker = new SecretMasker(FluxHarness.KEY);
    assertEquals(masker.token(bytes("from-secret")), data(out, "cluster"),
        "a later substituteFrom (the Secret) overrides an earlier one (the ConfigMap); Secret values as mask tokens");
    assertEquals("from-substitute", data(out, "region"), "substitute wins");
    assertEquals(masker.token(bytes("secret-token")), data(out, "token"), "Secret data is base64-decoded");
    assertFalse(out.contains("secret-token") || out.contains("from-secret"), "no Secret value in clear:\n" + out);
    assertEquals(List.of(), result.getWarnings());
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void optionalMissingIsToleratedRequiredMissingIsAnError() throws Exception {
    String head = flux.commit(vars("""
        postBuild:
          substituteFrom:
          - kind: ConfigMap
            name: cluster-vars
          - kind: Secret
            name: absent
            optional: true
        """));
    RenderResult result = ok(flux.render(head, "p", "vars"));
    assertEquals("prod-1", data(result.getHead().getContent(), "cluster"));

    String broken = flux.commit(vars("postBuild:\n  substituteFrom:\n  - kind: Secret\n    name: absent"));
    RenderResult error = flux.render(broken, "p", "vars");
    assertEquals(RenderStatus.ERROR, error.getStatus());
    assertTrue(error.getError().contains("Secret flux-system/absent not found") && error.getError().contains("optional"),
        error.getError());
    assertNull(error.getHead());
  }

  @Test
  void sopsEncryptedSecretLeavesItsVariablesUnresolvedAndSaysSo() throws Exception {
    Map<String, String> files = vars("""
        postBuild:
          substituteFrom:
          - kind: ConfigMap
            name: cluster-vars
          - kind: Secret
            name: cluster-secrets
        """);
    files.put("secrets/cluster-secrets.sops.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: cluster-secrets\n"
        + "  namespace: flux-system\nstringData:\n  token: ENC[AES256_GCM,data:c2VjcmV0,iv:aXY=,tag:dGFn,type:str]\n"
        + "sops:\n  age:\n  - recipient: age1xyz\n  version: 3.8.1\n");
    String head = flux.commit(files);
    RenderResult result = ok(flux.render(head, "p", "vars"));
    String out = result.getHead().getContent();
    assertEquals("prod-1", data(out, "cluster"));
    assertEquals("none", data(out, "token"), "the default applies, as in a cluster without the key");
    String warnings = String.join("\n", result.getWarnings());
    assertTrue(warnings.contains("Secret flux-system/cluster-secrets is SOPS-encrypted") && warnings.contains("token"),
        warnings);
    assertFalse(warnings.contains("AES256") || warnings.contains("c2VjcmV0"), "no value in warnings: " + warnings);
  }

  @Test
  void unresolvedVariablesAreLeftAsWrittenAndNamed() throws Exception {
    String head = flux.commit(vars("postBuild:\n  substitute:\n    cluster: c1"));
    RenderResult result = ok(flux.render(head, "p", "vars"));
    assertEquals("${region}", data(result.getHead().getContent(), "region"));
    assertEquals(1, result.getWarnings().size(), result.getWarnings().toString());
    assertTrue(result.getWarnings().get(0).contains("${region}"), result.getWarnings().get(0));
  }

  @Test
  void noVariablesMeansNoSubstitutionUnlessAlways() throws Exception {
    String head = flux.commit(vars("postBuild:\n  substituteFrom:\n  - kind: Secret\n    name: absent\n"
        + "    optional: true"));
    String out = ok(flux.render(head, "p", "vars")).getHead().getContent();
    assertEquals("${token:=none}", data(out, "token"), "Flux substitutes only when there are variables");
    String always = flux.commit(vars("postBuild:\n  substituteStrategy: Always\n  substituteFrom:\n"
        + "  - kind: Secret\n    name: absent\n    optional: true"));
    assertEquals("none", data(ok(flux.render(always, "p", "vars")).getHead().getContent(), "token"));
  }
}
