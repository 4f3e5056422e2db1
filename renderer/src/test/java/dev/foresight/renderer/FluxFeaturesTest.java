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
 * One test per Flux Kustomization feature, end to end through {@link Renderer} (native engine) on a
 * small repository built in code. Each compares the rendered output, status, error and warnings
 * with its golden directory ({@link FluxTestBase#golden}); {@code -Dgolden.update=true} rewrites them (review the diff: it must be what
 * kustomize-controller produces). Where a hand-written kustomization.yaml is equivalent,
 * {@code kubectl kustomize} of it cross-checks the output when kubectl is present.
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

  RenderResult render(Map<String, String> files, String ks) throws Exception {
    return flux.render(flux.commit(files), "p", ks);
  }

  static String out(RenderResult result) {
    assertEquals(RenderStatus.OK, result.getStatus(), result.getError());
    return result.getHead().getContent();
  }

  // ---- build: spec.path, generated kustomization.yaml, kustomize fields of the spec ----

  @Test
  void specPathIsBuiltAsWrittenRelativeToTheSourceRoot() throws Exception {
    String out = out(golden("spec-path", "web", render(web(), "web")));
    Map<String, String> noDotSlash = web();
    noDotSlash.put("profiles/p/web.yaml", ks("web", "apps/web/"));
    assertEquals(out, out(render(noDotSlash, "web")), "apps/web/ and ./apps/web are the same path");
    flux.crossCheck("apps/web", Map.of(), out);
  }

  @Test
  void targetNamespace() throws Exception {
    String out = out(golden("target-namespace", "web", render(web("targetNamespace: team-a"), "web")));
    assertTrue(out.contains("namespace: team-a"), out);
    flux.crossCheck("apps/web", Map.of("apps/web/kustomization.yaml", WEB_KUSTOMIZATION + "namespace: team-a\n"), out);
  }

  @Test
  void namePrefixAndSuffix() throws Exception {
    String out = out(golden("name-prefix-suffix", "web", render(web("namePrefix: pre-", "nameSuffix: -suf"), "web")));
    assertTrue(out.contains("name: pre-web-suf"), out);
    flux.crossCheck("apps/web", Map.of("apps/web/kustomization.yaml", WEB_KUSTOMIZATION
        + "namePrefix: pre-\nnameSuffix: -suf\n"), out);
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
    String out = out(golden("patches", "web", render(web(patches), "web")));
    assertTrue(out.contains("replicas: 3") && out.contains("team: a"), out);
    flux.crossCheck("apps/web", Map.of("apps/web/kustomization.yaml", WEB_KUSTOMIZATION + patches), out);
  }

  @Test
  void deprecatedPatchesStrategicMergeAndJson6902AreNotAppliedAsInFluxV1() throws Exception {
    RenderResult result = golden("patches-deprecated", "web", render(web("""
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
        """), "web"));
    assertEquals(2, result.getWarnings().size(), result.getWarnings().toString());
    flux.crossCheck("apps/web", Map.of(), out(result));
  }

  @Test
  void imagesMergeIntoExistingEntriesAndAddNewOnes() throws Exception {
    String out = out(golden("images", "merge", render(web("""
        images:
        - name: nginx
          newName: registry.example.com/nginx
        - name: busybox
          newTag: "1.36"
        """), "web")));
    assertTrue(out.contains("image: registry.example.com/nginx:1.1") && out.contains("image: busybox:1.36"), out);
    flux.crossCheck("apps/web", Map.of("apps/web/kustomization.yaml", "resources:\n- deploy.yaml\n"
        + "- config.yaml\nimages:\n- name: nginx\n  newName: registry.example.com/nginx\n  newTag: \"1.1\"\n"
        + "- name: busybox\n  newTag: \"1.36\"\n"), out);

    String digest = out(golden("images", "digest", render(web("images:\n- name: nginx\n  digest: sha256:"
        + "a".repeat(64)), "web")));
    assertTrue(digest.contains("image: nginx@sha256:" + "a".repeat(64)), "a digest replaces the existing tag: " + digest);
  }

  @Test
  void kustomizeDeprecationWarningsReachTheResultOncePerFileAndSide() throws Exception {
    // kustomize prints a warning per deprecated field each time it loads a file: the component
    // below is loaded twice (kubectl warns twice), the report says it once; both sides warn alike,
    // so the pair says it once, unprefixed
    Map<String, String> files = new HashMap<>();
    files.put("profiles/p/kustomization.yaml", entry("web.yaml"));
    files.put("profiles/p/web.yaml", ks("web", "./apps/web"));
    files.put("apps/web/kustomization.yaml", "resources:\n- ../base\ncommonLabels:\n  team: web\n");
    // (with bases: and no resources: at the top, Flux would add buildMetadata: [originAnnotations])
    files.put("apps/base/kustomization.yaml", "bases:\n- a\n- b\n");
    for (String app : List.of("a", "b")) {
      files.put("apps/base/" + app + "/kustomization.yaml", "resources:\n- config.yaml\nnameSuffix: -" + app
          + "\ncomponents:\n- ../../monitoring\n");
      files.put("apps/base/" + app + "/config.yaml", CONFIG);
    }
    files.put("apps/monitoring/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1alpha1\n"
        + "kind: Component\npatchesJson6902:\n- target: {version: v1, kind: ConfigMap, name: web-config}\n"
        + "  path: scrape.yaml\n");
    files.put("apps/monitoring/scrape.yaml", "- op: add\n  path: /metadata/annotations\n  value: {scrape: \"true\"}\n");
    String base = flux.commit(files);
    files.put("apps/base/a/config.yaml", CONFIG.replace("hello", "bonjour"));
    String head = flux.commit(files);
    RenderResult result = flux.render(base, head, "p", "flux-system", "web");
    String out = out(result);
    assertTrue(out.contains("name: web-config-a") && out.contains("scrape: \"true\""), out);
    flux.crossCheck("apps/web", Map.of(), out);
    assertEquals(List.of(
        "apps/web/kustomization.yaml: 'commonLabels' is deprecated, use 'labels'; 'kustomize edit fix' rewrites it",
        "apps/base/kustomization.yaml: 'bases' is deprecated, use 'resources'; 'kustomize edit fix' rewrites it",
        "apps/monitoring/kustomization.yaml: 'patchesJson6902' is deprecated, use 'patches'; 'kustomize edit fix' "
            + "rewrites it"), result.getWarnings());
  }

  @Test
  void componentsAndIgnoreMissingComponents() throws Exception {
    Map<String, String> files = web("components:\n- ../../components/team\n- ../../components/missing",
        "ignoreMissingComponents: true");
    files.put("components/team/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n"
        + "commonLabels:\n  team: a\n");
    String out = out(golden("components", "ignore-missing", render(files, "web")));
    assertTrue(out.contains("team: a"), out);
    flux.crossCheck("apps/web", Map.of("apps/web/kustomization.yaml", WEB_KUSTOMIZATION
        + "components:\n- ../../components/team\n"), out);

    Map<String, String> strict = web("components:\n- ../../components/team\n- ../../components/missing");
    strict.put("components/team/kustomization.yaml", files.get("components/team/kustomization.yaml"));
    RenderResult error = golden("components", "missing-is-an-error", render(strict, "web"));
    assertEquals(RenderStatus.ERROR, error.getStatus());
  }

  @Test
  void commonMetadataLabelsAndAnnotationsOnEveryObjectOnly() throws Exception {
    String out = out(golden("common-metadata", "web", render(web("commonMetadata:\n  labels:\n    app: overridden\n"
        + "    env: prod\n  annotations:\n    owner: team-a"), "web")));
    assertTrue(out.contains("env: prod") && out.contains("owner: team-a"), out);
    assertTrue(out.contains("matchLabels:\n      app: web"), "selectors and templates keep their labels: " + out);
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
    files.put("profiles/p/plain.yaml", ks("plain", "./plain", "targetNamespace: gen"));
    files.put("profiles/p/kustomization.yaml", entry("web.yaml", "plain.yaml"));
    String out = out(golden("generated-kustomization", "plain", render(files, "plain")));
    flux.crossCheck("plain", Map.of("plain/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\n"
        + "kind: Kustomization\nnamespace: gen\nresources:\n- ./a.yml\n- ./b.yaml\n- ./kust\n- ./nested/c.yaml\n"), out);
  }

  @Test
  void generatedKustomizationScansLikeFluxsGenerator() throws Exception {
    // fluxcd/pkg scanManifests: every .yaml/.yml (case-sensitive) at any depth, hidden directories
    // included; what source-controller leaves out of the artifact (.github/, .sops.yaml, CI files) is absent
    Map<String, String> files = new HashMap<>();
    files.put("scan/a.yaml", CONFIG.replace("web-config", "a"));
    files.put("scan/.hidden/b.yaml", CONFIG.replace("web-config", "hidden-b"));
    files.put("scan/.github/workflows/ci.yaml", "on: push\njobs: {}\n");
    files.put("scan/.sops.yaml", "creation_rules:\n- age: age1xyz\n");
    files.put("scan/.gitlab-ci.yml", "stages: [test]\n");
    files.put("scan/sub/.flux.yaml", "x: 1\n");
    files.put("scan/upper.YAML", CONFIG.replace("web-config", "upper"));
    files.put("scan/data.json", "{\"kind\": \"ConfigMap\"}");
    files.put("scan/sub/c.yml", CONFIG.replace("web-config", "c"));
    files.put("profiles/p/kustomization.yaml", entry("scan.yaml"));
    files.put("profiles/p/scan.yaml", ks("scan", "./scan"));
    String out = out(golden("generated-kustomization", "scan", render(files, "scan")));
    assertTrue(out.contains("name: hidden-b") && !out.contains("name: upper"), out);
    flux.crossCheck("scan", Map.of("scan/kustomization.yaml", "resources:\n- ./.hidden/b.yaml\n- ./a.yaml\n"
        + "- ./sub/c.yml\n"), out);
  }

  @Test
  void generatedKustomizationWithANonKubernetesYamlFileFails() throws Exception {
    // Flux decodes every listed file as Kubernetes objects: a values file without kind fails the build
    Map<String, String> files = new HashMap<>();
    files.put("mixed/a.yaml", CONFIG.replace("web-config", "a"));
    files.put("mixed/values.yaml", "replicaCount: 2\nimage:\n  tag: 1.0\n");
    files.put("profiles/p/kustomization.yaml", entry("mixed.yaml"));
    files.put("profiles/p/mixed.yaml", ks("mixed", "./mixed"));
    RenderResult result = golden("generated-kustomization", "not-kubernetes", render(files, "mixed"));
    assertEquals(RenderStatus.ERROR, result.getStatus());
    assertTrue(result.getError().contains("values.yaml"), result.getError());
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
    RenderResult empty = golden("generated-placeholder", "empty", flux.render(head, "p", "empty"));
    assertEquals(0, empty.getHead().getObjects());
  }

  @Test
  void existingKustomizationWithoutResourcesGetsOriginAnnotationsLikeFlux() throws Exception {
    Map<String, String> files = web();
    files.put("gen/kustomization.yaml", "configMapGenerator:\n- name: generated\n  literals:\n  - a=b\n"
        + "generatorOptions:\n  disableNameSuffixHash: true\n");
    files.put("profiles/p/gen.yaml", ks("gen", "./gen"));
    files.put("profiles/p/kustomization.yaml", entry("web.yaml", "gen.yaml"));
    String out = out(golden("origin-annotations", "gen", render(files, "gen")));
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

  static String data(String out, String key) {
    for (String line : out.split("\n")) {
      if (line.startsWith("  " + key + ": ")) {
        return line.substring(key.length() + 4);
      }
    }
    throw new AssertionError("no data key " + key + " in\n" + out);
  }

  @Test
  void substituteWithDefaultsEscapesAndOptOut() throws Exception {
    RenderResult result = golden("substitute", "vars", render(vars("postBuild:\n  substitute:\n    cluster: c1\n"
        + "    region: r1"), "vars"));
    String out = out(result);
    assertEquals("c1", data(out, "cluster"));
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
    String out = out(golden("substitute-opt-out-label", "vars", render(files, "vars")));
    assertTrue(out.contains("run.sh: echo ${cluster}"), out);
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
    RenderResult result = golden("substitute-from", "vars", render(files, "vars"));
    String out = out(result);
    SecretMasker masker = new SecretMasker(FluxHarness.KEY);
    assertEquals(masker.token(bytes("from-secret")), data(out, "cluster"),
        "a later substituteFrom (the Secret) overrides an earlier one (the ConfigMap); Secret values as mask tokens");
    assertEquals("from-substitute", data(out, "region"), "substitute wins");
    assertEquals(masker.token(bytes("secret-token")), data(out, "token"), "Secret data is base64-decoded");
    assertFalse(out.contains("secret-token") || out.contains("from-secret"), "no Secret value in clear:\n" + out);
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void optionalMissingIsToleratedRequiredMissingIsAnError() throws Exception {
    RenderResult result = golden("substitute-from-optional", "optional-missing", render(vars("""
        postBuild:
          substituteFrom:
          - kind: ConfigMap
            name: cluster-vars
          - kind: Secret
            name: absent
            optional: true
        """), "vars"));
    assertEquals("prod-1", data(out(result), "cluster"));

    RenderResult error = golden("substitute-from-optional", "required-missing",
        render(vars("postBuild:\n  substituteFrom:\n  - kind: Secret\n    name: absent"), "vars"));
    assertEquals(RenderStatus.ERROR, error.getStatus());
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
    RenderResult result = golden("substitute-sops", "vars", render(files, "vars"));
    assertEquals("${token:=none}", data(out(result), "token"),
        "the Secret holds token in the cluster: its value, not the default, would apply; left as written");
    String warnings = String.join("\n", result.getWarnings());
    assertFalse(warnings.contains("AES256") || warnings.contains("c2VjcmV0"), "no value in warnings: " + warnings);
  }

  @Test
  void unresolvedVariablesAreLeftAsWrittenAndNamed() throws Exception {
    RenderResult result = golden("substitute-unresolved", "vars",
        render(vars("postBuild:\n  substitute:\n    cluster: c1"), "vars"));
    assertEquals("${region}", data(out(result), "region"));
    assertEquals(1, result.getWarnings().size(), result.getWarnings().toString());
    assertTrue(result.getWarnings().get(0).contains("${region} (in ConfigMap apps/vars)"), result.getWarnings().get(0));
  }

  @Test
  void strictPostBuildSubstitutionsMakesAnUnresolvedVariableAnError() throws Exception {
    Map<String, String> files = vars("postBuild:\n  substitute:\n    cluster: c1");
    files.put("foresight.yaml", "flux:\n  strictPostBuildSubstitutions: true\n");
    RenderResult strict = golden("substitute-strict", "unresolved", render(files, "vars"));
    assertEquals(RenderStatus.ERROR, strict.getStatus());
    assertTrue(strict.getError().contains("${region}") && strict.getError().contains("strictPostBuildSubstitutions"),
        strict.getError());

    // defaults are not missing values: with every variable without default defined, strict mode renders
    Map<String, String> complete = vars("postBuild:\n  substitute:\n    cluster: c1\n    region: r1");
    complete.put("foresight.yaml", files.get("foresight.yaml"));
    RenderResult ok = golden("substitute-strict", "defaults-suffice", render(complete, "vars"));
    assertEquals("none", data(out(ok), "token"));
  }

  @Test
  void noVariablesMeansNoSubstitutionUnlessAlways() throws Exception {
    String out = out(golden("substitute-always", "no-variables", render(vars("postBuild:\n  substituteFrom:\n"
        + "  - kind: Secret\n    name: absent\n    optional: true"), "vars")));
    assertEquals("${token:=none}", data(out, "token"), "Flux substitutes only when there are variables");
    String always = out(golden("substitute-always", "always", render(vars("postBuild:\n  substituteStrategy: Always\n"
        + "  substituteFrom:\n  - kind: Secret\n    name: absent\n    optional: true"), "vars")));
    assertEquals("none", data(always, "token"));
  }

  @Test
  void envsubstOperatorsEndToEnd() throws Exception {
    Map<String, String> files = vars("postBuild:\n  substitute:\n    cluster: Prod-EU-1\n    region: eu-west-1\n"
        + "    image: registry.example.com/team/api:1.2.3");
    files.put("apps/vars/config.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: vars
          namespace: apps
        data:
          lower: ${cluster,,}
          upper: ${region^^}
          first: ${region^}
          length: len-${#cluster}
          zone: ${region:0:2}
          tail: ${region:3}
          repo: ${image%:*}
          tag: ${image##*:}
          host: ${image%%/*}
          dashed: ${region//-/_}
          prefixed: ${region/#eu/europe}
          fallback: ${zone:=${region}-a}
          price: costs $$5
        """);
    RenderResult result = golden("substitute-operators", "vars", render(files, "vars"));
    String out = out(result);
    assertEquals("prod-eu-1", data(out, "lower"));
    assertEquals("registry.example.com/team/api", data(out, "repo"));
    assertEquals("costs $5", data(out, "price"), "$$ is an escape anywhere once substitution runs");
    assertEquals(List.of(), result.getWarnings());
  }

  @Test
  void anExpressionFluxCannotParseFailsTheBuild() throws Exception {
    Map<String, String> files = vars("postBuild:\n  substitute:\n    cluster: c1\n    region: r1");
    files.put("apps/vars/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: vars\n  namespace: apps\n"
        + "data:\n  cluster: ${cluster-default}\n");
    RenderResult result = golden("substitute-syntax-error", "vars", render(files, "vars"));
    assertEquals(RenderStatus.ERROR, result.getStatus());
    assertTrue(result.getError().contains("ConfigMap apps/vars: missing closing brace at '${cluster-default}'"),
        result.getError());
  }

  @Test
  void aValueThatBreaksTheYamlFailsTheBuild() throws Exception {
    // kustomize-controller parses each substituted object again (YAMLToJSON): "a: b" in a plain scalar breaks it
    RenderResult result = golden("substitute-invalid-yaml", "vars",
        render(vars("postBuild:\n  substitute:\n    cluster: 'a: b'\n    region: r1"), "vars"));
    assertEquals(RenderStatus.ERROR, result.getStatus(), String.valueOf(result.getHead()));
    assertTrue(result.getError().contains("ConfigMap apps/vars"), result.getError());
  }

  // ---- sources and objects ----

  @Test
  void sourceRefOtherGitRepositoryOciRepositoryAndBucket() throws Exception {
    TestRepo other = TestRepo.init(tmp.resolve("platform"));
    try {
      other.write("shared/monitoring/cm.yaml", CONFIG.replace("web-config", "monitoring")).commit("platform v1");
      Map<String, String> files = new HashMap<>();
      // the source is fetched because the base branch lists it (a source only head names is not: ADR 0010)
      String base = flux.commit(Map.of("foresight.yaml",
          "sources:\n  flux-system/platform:\n    url: " + other.dir() + "\n    ref: master\n"));
      files.put("profiles/p/kustomization.yaml", entry("platform.yaml", "unknown.yaml", "oci.yaml", "bucket.yaml"));
      files.put("profiles/p/platform.yaml", ks("monitoring", "./shared/monitoring")
          .replace("name: flux-system\n", "name: platform\n"));
      files.put("profiles/p/unknown.yaml", ks("unknown", "./x").replace("name: flux-system\n", "name: elsewhere\n"));
      files.put("profiles/p/oci.yaml", ks("oci", "./").replace("kind: GitRepository", "kind: OCIRepository")
          .replace("name: flux-system\n", "name: podinfo\n"));
      files.put("profiles/p/bucket.yaml", ks("bucket", "./").replace("kind: GitRepository", "kind: Bucket")
          .replace("name: flux-system\n", "name: artifacts\n"));
      // the sources as the repository declares them: what is not fetched is named with its URL
      files.put("infrastructure/sources/sources.yaml", """
          apiVersion: source.toolkit.fluxcd.io/v1
          kind: GitRepository
          metadata: {name: elsewhere, namespace: flux-system}
          spec: {interval: 5m, url: 'http://169.254.169.254/latest/meta-data', ref: {branch: main}}
          ---
          apiVersion: source.toolkit.fluxcd.io/v1beta2
          kind: OCIRepository
          metadata: {name: podinfo, namespace: flux-system}
          spec: {interval: 5m, url: 'oci://ghcr.io/stefanprodan/manifests/podinfo', ref: {tag: latest}}
          ---
          apiVersion: source.toolkit.fluxcd.io/v1
          kind: Bucket
          metadata: {name: artifacts, namespace: flux-system}
          spec: {interval: 5m, endpoint: minio.internal:9000, bucketName: artifacts}
          """);
      String head = flux.commit(files);
      assertTrue(out(golden("source-ref", "other-git-repository", flux.render(base, head, "p", "flux-system", "monitoring")))
          .contains("name: monitoring"));
      for (String ks : List.of("unknown", "oci", "bucket")) {
        RenderResult notRendered = golden("source-ref", ks, flux.render(base, head, "p", "flux-system", ks));
        assertEquals(RenderStatus.OK, notRendered.getStatus(), notRendered.getError());
        assertNull(notRendered.getHead());
        assertEquals(1, notRendered.getWarnings().size(), notRendered.getWarnings().toString());
        assertTrue(notRendered.getWarnings().get(0).startsWith("not rendered: source "), notRendered.getWarnings()
            .toString());
      }
      assertTrue(flux.render(base, head, "p", "flux-system", "oci").getWarnings().get(0).startsWith(
          "not rendered: source OCIRepository flux-system/podinfo (oci://ghcr.io/stefanprodan/manifests/podinfo) not"
          + " fetched"));
    } finally {
      other.close();
    }
  }

  @Test
  void helmReleaseIsRenderedAsAnObjectSoItsValuesChangesShow() throws Exception {
    Map<String, String> files = new HashMap<>();
    files.put("profiles/p/kustomization.yaml", entry("podinfo.yaml"));
    files.put("profiles/p/podinfo.yaml", ks("podinfo", "./apps/podinfo"));
    files.put("apps/podinfo/release.yaml", helmRelease(1));
    String base = flux.commit(files);
    String head = flux.commit(Map.of("apps/podinfo/release.yaml", helmRelease(2)));
    RenderResult result = golden("helm-release", "podinfo", flux.render(base, head, "p", "flux-system", "podinfo"));
    assertTrue(result.getBase().getContent().contains("replicaCount: 1")
        && result.getHead().getContent().contains("replicaCount: 2"), result.toString());
  }

  static String helmRelease(int replicas) {
    return """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: podinfo
          namespace: podinfo
        spec:
          interval: 30m
          chart:
            spec:
              chart: podinfo
              version: "6.x"
              sourceRef:
                kind: HelmRepository
                name: podinfo
          values:
            replicaCount: %d
            ingress:
              enabled: true
        """.formatted(replicas);
  }
}
