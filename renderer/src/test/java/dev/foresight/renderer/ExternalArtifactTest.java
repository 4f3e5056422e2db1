package dev.foresight.renderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.PairAction;
import dev.foresight.schema.PlannedPair;
import dev.foresight.schema.RenderJob;
import dev.foresight.schema.RenderPlan;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.RenderStatus;
import dev.foresight.testing.Golden;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Flux Kustomizations whose source is an {@code ExternalArtifact} of an {@code ArtifactGenerator}
 * (Flux 2.7), on a repository laid out like the current fluxcd/flux2-kustomize-helm-example:
 * {@code clusters/<c>/artifacts.yaml} copies {@code infrastructure/**} into one artifact and
 * {@code apps/base/**} plus {@code apps/<c>/**} into another; the cluster's Kustomizations build
 * {@code ./controllers}, {@code ./configs} and {@code ./<c>} of them. Golden files in
 * {@code golden-flux/external-artifact/} ({@code -Dgolden.update=true} rewrites them); kubectl
 * kustomize of the same files laid out as the artifact cross-checks the output when present.
 */
class ExternalArtifactTest extends FluxTestBase {

  static final Path GOLDEN = FluxFeaturesTest.GOLDEN;
  static final String FEATURE = "external-artifact";

  static String gotkSync(String cluster) {
    return """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata:
          name: flux-system
          namespace: flux-system
        spec:
          interval: 1m0s
          ref:
            branch: main
          url: https://github.com/fluxcd/flux2-kustomize-helm-example
        ---
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata:
          name: flux-system
          namespace: flux-system
        spec:
          interval: 10m0s
          path: ./clusters/CLUSTER
          prune: true
          sourceRef:
            kind: GitRepository
            name: flux-system
        """.replace("CLUSTER", cluster);
  }

  static String generator(String cluster, String extraApps) {
    return """
        ---
        apiVersion: source.extensions.fluxcd.io/v1beta1
        kind: ArtifactGenerator
        metadata:
          name: flux-system
          namespace: flux-system
        spec:
          sources:
            - alias: monorepo
              kind: GitRepository
              name: flux-system
          artifacts:
            - name: infrastructure
              originRevision: "@monorepo"
              copy:
                - from: "@monorepo/infrastructure/**"
                  to: "@artifact/"
            - name: apps
              originRevision: "@monorepo"
              copy:
                - from: "@monorepo/apps/base/**"
                  to: "@artifact/base/"
                - from: "@monorepo/apps/CLUSTER/**"
                  to: "@artifact/CLUSTER/"
        """.replace("CLUSTER", cluster) + extraApps;
  }

  static String artifactKs(String name, String artifact, String path, String dependsOn, String extra) {
    return "---\napiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: " + name
        + "\n  namespace: flux-system\nspec:\n" + (dependsOn == null ? "" : "  dependsOn:\n    - name: " + dependsOn
        + "\n") + "  interval: 1h\n  retryInterval: 2m\n  timeout: 5m\n  sourceRef:\n    kind: ExternalArtifact\n"
        + "    name: " + artifact + "\n  path: " + path + "\n  prune: true\n  wait: true\n" + extra;
  }

  static String acme(String server) {
    return "  patches:\n    - patch: |\n        - op: replace\n          path: /spec/acme/server\n"
        + "          value: " + server + "\n      target:\n        kind: ClusterIssuer\n        name: letsencrypt\n";
  }

  static String values(String host) {
    return "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: podinfo\n  namespace: podinfo\n"
        + "spec:\n  chart:\n    spec:\n      version: \">=1.0.0-alpha\"\n  test:\n    enable: false\n  values:\n"
        + "    httpRoute:\n      hostnames:\n        - " + host + "\n";
  }

  static final String KUSTOMIZATION = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n";

  /** The repository, path → content. */
  static Map<String, String> repository() {
    Map<String, String> files = new TreeMap<>();
    for (String cluster : List.of("production", "staging")) {
      String dir = "clusters/" + cluster + "/";
      files.put(dir + "flux-system/gotk-components.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n"
          + "  name: flux-system\n");
      files.put(dir + "flux-system/gotk-sync.yaml", gotkSync(cluster));
      files.put(dir + "flux-system/kustomization.yaml", KUSTOMIZATION + "resources:\n  - gotk-components.yaml\n"
          + "  - gotk-sync.yaml\nlabels:\n  - pairs:\n      toolkit.fluxcd.io/tenant: sre-team\n");
      files.put(dir + "artifacts.yaml", generator(cluster, ""));
      files.put(dir + "infrastructure.yaml", artifactKs("infra-controllers", "infrastructure", "./controllers", null, "")
          + artifactKs("infra-configs", "infrastructure", "./configs", "infra-controllers",
              acme(cluster.equals("production") ? "https://acme-v02.api.letsencrypt.org/directory"
                  : "https://acme-staging-v02.api.letsencrypt.org/directory")));
      files.put(dir + "apps.yaml", artifactKs("apps", "apps", "./" + cluster, "infra-configs", ""));
      files.put("apps/" + cluster + "/kustomization.yaml", KUSTOMIZATION + "resources:\n  - ../base/podinfo\n"
          + "patches:\n  - path: podinfo-values.yaml\n    target:\n      kind: HelmRelease\n");
      files.put("apps/" + cluster + "/podinfo-values.yaml", values("podinfo." + cluster));
    }
    files.put("apps/base/podinfo/kustomization.yaml", KUSTOMIZATION + "namespace: podinfo\nresources:\n"
        + "  - namespace.yaml\n  - repository.yaml\n  - release.yaml\n");
    files.put("apps/base/podinfo/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: podinfo\n"
        + "  labels:\n    toolkit.fluxcd.io/tenant: dev-team\n");
    files.put("apps/base/podinfo/repository.yaml", "apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\n"
        + "metadata:\n  name: podinfo\n  namespace: podinfo\nspec:\n  interval: 5m\n"
        + "  url: https://stefanprodan.github.io/podinfo\n");
    files.put("apps/base/podinfo/release.yaml", "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\n"
        + "metadata:\n  name: podinfo\n  namespace: podinfo\nspec:\n  interval: 50m\n  releaseName: podinfo\n"
        + "  chart:\n    spec:\n      chart: podinfo\n      sourceRef:\n        kind: HelmRepository\n"
        + "        name: podinfo\n  values:\n    redis:\n      enabled: true\n    httpRoute:\n      enabled: true\n"
        + "      hostnames:\n        - podinfo.local\n");
    files.put("infrastructure/controllers/kustomization.yaml", KUSTOMIZATION + "resources:\n  - cert-manager.yaml\n");
    files.put("infrastructure/controllers/cert-manager.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n"
        + "  name: cert-manager\n---\napiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata:\n"
        + "  name: cert-manager\n  namespace: cert-manager\nspec:\n  interval: 24h\n"
        + "  url: oci://quay.io/jetstack/charts/cert-manager\n  ref:\n    semver: \"1.x\"\n");
    files.put("infrastructure/configs/kustomization.yaml", KUSTOMIZATION + "resources:\n  - cluster-issuers.yaml\n");
    files.put("infrastructure/configs/cluster-issuers.yaml", "apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\n"
        + "metadata:\n  name: letsencrypt\nspec:\n  acme:\n    email: fluxcdbot@users.noreply.github.com\n"
        + "    server: https://acme-staging-v02.api.letsencrypt.org/directory\n    privateKeySecretRef:\n"
        + "      name: letsencrypt\n");
    files.put("docs/README.md", "# not copied into any artifact\n");
    return files;
  }

  /** The files of the repository below {@code from}, placed below {@code to} (as the artifact holds them). */
  static Map<String, String> copied(Map<String, String> repository, String from, String to) {
    Map<String, String> out = new TreeMap<>();
    repository.forEach((path, text) -> {
      if (path.startsWith(from + "/")) {
        out.put(to + "/" + path.substring(from.length() + 1), text);
      }
    });
    return out;
  }

  @Test
  void rendersEachClusterFromItsGeneratorsArtifacts() throws Exception {
    Map<String, String> repository = repository();
    String head = flux.commit(repository);
    RenderPlan plan = flux.plan(ChangeIds.ZERO_SHA, head);
    Golden.assertMatches(GOLDEN, FEATURE, "pairs.txt", String.join("\n", FluxHarness.pairs(plan)) + "\n");
    for (RenderJob job : flux.renderer.jobs(plan)) {
      RenderResult result = flux.renderer.render(job);
      assertEquals(RenderStatus.OK, result.getStatus(), result.getError());
      assertEquals(List.of(), result.getWarnings(), job.getProfile() + "/" + job.getKustomization());
      Golden.assertMatches(GOLDEN, FEATURE, job.getProfile() + "/" + job.getKustomization() + ".yaml",
          result.getHead().getContent());
    }

    // kubectl kustomize of the same files laid out as each artifact
    RenderResult staging = flux.render(head, "staging", "apps");
    Map<String, String> apps = copied(repository, "apps/base", "artifact-apps/base");
    apps.putAll(copied(repository, "apps/staging", "artifact-apps/staging"));
    flux.crossCheck("artifact-apps/staging", apps, staging.getHead().getContent());
    assertTrue(staging.getHead().getContent().contains("- podinfo.staging"), staging.getHead().getContent());
    RenderResult controllers = flux.render(head, "production", "infra-controllers");
    flux.crossCheck("artifact-infrastructure/controllers", copied(repository, "infrastructure",
        "artifact-infrastructure"), controllers.getHead().getContent());
    RenderResult configs = flux.render(head, "production", "infra-configs");
    assertTrue(configs.getHead().getContent().contains("server: https://acme-v02.api.letsencrypt.org/directory"),
        "the Flux Kustomization's patches apply to the artifact's files");
  }

  @Test
  void theExecEngineBuildsTheArtifactTheSame() throws Exception {
    Tools.assumeKubectl();
    String head = flux.commit(repository());
    RenderResult nativeResult = flux.render(head, "staging", "apps");
    try (Renderer exec = new Renderer(new RendererConfig(tmp.resolve("exec-data"), FluxHarness.KEY,
        java.time.Duration.ofSeconds(60)).withEngine(dev.foresight.renderer.engine.EngineChoice.EXEC))) {
      RenderJob job = exec.jobs(exec.plan(flux.change(ChangeIds.ZERO_SHA, head))).stream()
          .filter(j -> j.getProfile().equals("staging") && j.getKustomization().equals("apps")).findFirst()
          .orElseThrow();
      RenderResult result = exec.render(job);
      assertEquals(RenderStatus.OK, result.getStatus(), result.getError());
      assertEquals(nativeResult.getHead().getContent(), result.getHead().getContent());
    }
  }

  @Test
  void aChangeInACopiedFileRendersItsPairsAndOneInAnUncopiedFileSkipsThem() throws Exception {
    String first = flux.commit(repository());

    String second = flux.commit(Map.of("apps/staging/podinfo-values.yaml", values("podinfo.staging.example")));
    Map<String, PairAction> actions = actions(flux.plan(first, second));
    assertEquals(PairAction.RENDER, actions.get("staging/apps"), actions.toString());
    assertEquals(PairAction.SKIP, actions.get("production/apps"), "apps/staging is not in production's artifact");
    assertEquals(PairAction.SKIP, actions.get("staging/infra-controllers"), actions.toString());
    assertEquals(PairAction.SKIP, actions.get("staging/infra-configs"), actions.toString());
    RenderResult staging = flux.render(first, second, "staging", "flux-system", "apps");
    assertTrue(staging.getHead().getContent().contains("podinfo.staging.example"), staging.getHead().getContent());
    assertTrue(staging.getBase().getContent().contains("- podinfo.staging\n"), staging.getBase().getContent());

    String third = flux.commit(Map.of("docs/README.md", "# still not copied\n",
        "infrastructure/configs/cluster-issuers.yaml", repository().get("infrastructure/configs/cluster-issuers.yaml")
            .replace("fluxcdbot@", "ops@")));
    actions = actions(flux.plan(second, third));
    assertEquals(PairAction.RENDER, actions.get("staging/infra-configs"), actions.toString());
    assertEquals(PairAction.RENDER, actions.get("production/infra-configs"), actions.toString());
    assertEquals(PairAction.SKIP, actions.get("production/infra-controllers"),
        "infrastructure/configs is copied, but not read by ./controllers of the artifact");
    assertEquals(PairAction.SKIP, actions.get("staging/apps"), actions.toString());

    String fourth = flux.commit(Map.of("apps/base/podinfo/namespace.yaml", repository()
        .get("apps/base/podinfo/namespace.yaml").replace("dev-team", "web-team")));
    actions = actions(flux.plan(third, fourth));
    assertEquals(PairAction.RENDER, actions.get("staging/apps"), "../base/podinfo of the artifact is apps/base/podinfo");
    assertEquals(PairAction.RENDER, actions.get("production/apps"), actions.toString());
    assertEquals(PairAction.SKIP, actions.get("production/infra-configs"), actions.toString());

    // the generator's copy rules are an input too: a new file in the copied directory, or other rules
    String fifth = flux.commit(Map.of("clusters/staging/artifacts.yaml", generator("staging", "")
        .replace("to: \"@artifact/staging/\"", "to: \"@artifact/staging/\"\n          exclude: [\"*.md\"]")));
    actions = actions(flux.plan(fourth, fifth));
    assertEquals(PairAction.RENDER, actions.get("staging/apps"), "its artifact's copy rules changed");
    assertEquals(PairAction.SKIP, actions.get("staging/infra-controllers"), "another artifact of the generator");
    assertEquals(PairAction.SKIP, actions.get("production/apps"), actions.toString());
  }

  @Test
  void whatCannotBeReproducedIsNotRenderedWithTheReason() throws Exception {
    Map<String, String> files = repository();
    // Merge onto a copied file: a Helm values merge, not reproduced
    files.put("clusters/staging/artifacts.yaml", generator("staging", "")
        + "    - name: merged\n      copy:\n        - from: \"@monorepo/apps/base/**\"\n"
        + "          to: \"@artifact/\"\n        - from: \"@monorepo/apps/staging/podinfo-values.yaml\"\n"
        + "          to: \"@artifact/podinfo/release.yaml\"\n          strategy: Merge\n"
        + "    - name: from-oci\n      copy:\n        - from: \"@chart/podinfo/**\"\n"
        + "          to: \"@artifact/\"\n    - name: no-match\n      copy:\n"
        + "        - from: \"@monorepo/nothing/*.yaml\"\n          to: \"@artifact/\"\n");
    files.put("clusters/staging/artifacts.yaml", files.get("clusters/staging/artifacts.yaml").replace(
        "      name: flux-system\n  artifacts:", "      name: flux-system\n    - alias: chart\n      kind: OCIRepository\n"
            + "      name: podinfo-chart\n  artifacts:"));
    files.put("clusters/staging/more.yaml", artifactKs("merged", "merged", "./podinfo", null, "")
        + artifactKs("from-oci", "from-oci", "./", null, "") + artifactKs("no-match", "no-match", "./", null, "")
        + artifactKs("unknown", "elsewhere", "./", null, ""));
    String head = flux.commit(files);
    StringBuilder report = new StringBuilder();
    for (String ks : List.of("merged", "from-oci", "no-match", "unknown")) {
      RenderResult result = flux.render(head, "staging", ks);
      report.append(ks).append(": ").append(result.getStatus()).append(", head ")
          .append(result.getHead() == null ? "not rendered" : "rendered").append('\n');
      if (result.getError() != null) {
        report.append("  error: ").append(result.getError().replaceAll("\\b(head|base) \\([0-9a-f]{7,40}\\)",
            "$1 (<commit>)")).append('\n');
      }
      result.getWarnings().forEach(w -> report.append("  warning: ").append(w).append('\n'));
    }
    String text = report.toString();
    Golden.assertMatches(GOLDEN, FEATURE, "not-rendered.txt", text);
    assertTrue(text.contains("merged: OK, head not rendered\n  warning: not rendered: ExternalArtifact flux-system/merged"
        + " of ArtifactGenerator flux-system/flux-system: copy from '@monorepo/apps/staging/podinfo-values.yaml' to"
        + " '@artifact/podinfo/release.yaml': strategy Merge"), text);
    assertTrue(text.contains("source @chart is OCIRepository flux-system/podinfo-chart"), text);
    assertTrue(text.contains("no-match: ERROR"), text);
    assertTrue(text.contains("no ArtifactGenerator with an artifact named 'elsewhere'"), text);
  }

  /**
   * An ArtifactGenerator copies from source-controller's artifact of its GitRepository, so a file
   * a {@code .sourceignore} excludes is not in the ExternalArtifact either: the overlay referring
   * to it fails as in Flux, with kustomize's missing-file error.
   */
  @Test
  void copiesComeFromTheGitRepositorysArtifactWithoutIgnoredFiles() throws Exception {
    Map<String, String> files = repository();
    String head = flux.commit(files);
    assertEquals(RenderStatus.OK, flux.render(head, "staging", "apps").getStatus());
    files.put("apps/base/podinfo/.sourceignore", "release.yaml\n");
    String ignored = flux.commit(files);
    RenderResult result = flux.render(ignored, "staging", "apps");
    assertEquals(RenderStatus.ERROR, result.getStatus(), String.valueOf(result.getHead()));
    assertTrue(result.getError().contains("'base/podinfo/release.yaml' does not exist"), result.getError());
    Map<String, PairAction> actions = actions(flux.plan(head, ignored));
    assertEquals(PairAction.RENDER, actions.get("staging/apps"), "a .sourceignore change re-renders: " + actions);

    files.remove("apps/base/podinfo/.sourceignore");
    files.put(".sourceignore", "/apps/base/podinfo/release.yaml\n");
    String atRoot = flux.commit(files);
    assertEquals(RenderStatus.ERROR, flux.render(atRoot, "staging", "apps").getStatus(), "root .sourceignore");
    actions = actions(flux.plan(head, atRoot));
    assertEquals(PairAction.RENDER, actions.get("staging/apps"), "a root .sourceignore re-renders: " + actions);
  }

  /**
   * The ExternalArtifact holds what the GitRepository's artifact holds, so the ignore rules of the
   * copied source paths are inputs of its pairs: a {@code .sourceignore} above a copied directory,
   * {@code spec.ignore}, and the default exclusions switching off (any {@code .sourceignore}).
   * Both sides render OK here, so only planning can miss it.
   */
  @Test
  void ignoreRulesOfTheCopiedSourceReRenderItsPairs() throws Exception {
    Map<String, String> files = repository();
    files.remove("infrastructure/controllers/kustomization.yaml");
    files.put("infrastructure/controllers/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n"
        + "  namespace: cert-manager\ndata:\n  a: b\n");
    String base = flux.commit(files);
    RenderResult before = flux.render(base, "staging", "infra-controllers");
    assertEquals(RenderStatus.OK, before.getStatus(), before.getError());
    assertTrue(before.getHead().getContent().contains("name: extra"), before.getHead().getContent());

    String ignored = flux.commit(Map.of("infrastructure/.sourceignore", "controllers/extra.yaml\n"));
    RenderResult after = flux.render(ignored, "staging", "infra-controllers");
    assertEquals(RenderStatus.OK, after.getStatus(), after.getError());
    assertTrue(!after.getHead().getContent().contains("name: extra"), after.getHead().getContent());
    Map<String, PairAction> actions = actions(flux.plan(base, ignored));
    assertEquals(PairAction.RENDER, actions.get("staging/infra-controllers"), "a .sourceignore above a copied"
        + " directory: " + actions);
    assertEquals(PairAction.RENDER, actions.get("production/infra-controllers"), actions.toString());

    // spec.ignore of the GitRepository the generator reads (staging's only)
    flux.repo.delete("infrastructure/.sourceignore");
    String specIgnore = flux.commit(Map.of("clusters/staging/flux-system/gotk-sync.yaml", gotkSync("staging")
        .replace("  interval: 1m0s\n", "  interval: 1m0s\n  ignore: |\n    /infrastructure/controllers/extra.yaml\n")));
    after = flux.render(specIgnore, "staging", "infra-controllers");
    assertEquals(RenderStatus.OK, after.getStatus(), after.getError());
    assertTrue(!after.getHead().getContent().contains("name: extra"), after.getHead().getContent());
    actions = actions(flux.plan(base, specIgnore));
    assertEquals(PairAction.RENDER, actions.get("staging/infra-controllers"), "spec.ignore changed: " + actions);
    assertEquals(PairAction.SKIP, actions.get("production/infra-controllers"), actions.toString());

    // a .sourceignore outside the copied paths switches the default exclusions off
    String defaultsOff = flux.commit(Map.of("clusters/staging/flux-system/gotk-sync.yaml", gotkSync("staging"),
        "docs/.sourceignore", "*.md\n"));
    actions = actions(flux.plan(base, defaultsOff));
    assertEquals(PairAction.RENDER, actions.get("staging/infra-controllers"), "defaults switched off: " + actions);
    assertEquals(PairAction.RENDER, actions.get("production/infra-controllers"), actions.toString());
    String docsOnly = flux.commit(Map.of("docs/.sourceignore", "*.txt\n"));
    actions = actions(flux.plan(defaultsOff, docsOnly));
    assertEquals(PairAction.SKIP, actions.get("staging/infra-controllers"), "defaults stay off: " + actions);

    // with the defaults off at both sides: spec.ignore alone, then a .sourceignore alone
    String specOnly = flux.commit(Map.of("clusters/staging/flux-system/gotk-sync.yaml", gotkSync("staging")
        .replace("  interval: 1m0s\n", "  interval: 1m0s\n  ignore: |\n    /infrastructure/controllers/extra.yaml\n")));
    actions = actions(flux.plan(docsOnly, specOnly));
    assertEquals(PairAction.RENDER, actions.get("staging/infra-controllers"), "spec.ignore alone: " + actions);
    assertEquals(PairAction.SKIP, actions.get("production/infra-controllers"), actions.toString());
    String fileOnly = flux.commit(Map.of("clusters/staging/flux-system/gotk-sync.yaml", gotkSync("staging"),
        "infrastructure/.sourceignore", "controllers/extra.yaml\n"));
    actions = actions(flux.plan(docsOnly, fileOnly));
    assertEquals(PairAction.RENDER, actions.get("staging/infra-controllers"), ".sourceignore alone: " + actions);
    assertEquals(PairAction.RENDER, actions.get("production/infra-controllers"), actions.toString());
    assertEquals(PairAction.SKIP, actions.get("staging/apps"), "not above apps' copied paths: " + actions);
  }

  static Map<String, PairAction> actions(RenderPlan plan) {
    Map<String, PairAction> out = new HashMap<>();
    for (PlannedPair pair : plan.getPairs()) {
      assertNull(out.put(pair.getProfile() + "/" + pair.getKustomization(), pair.getAction()));
    }
    return out;
  }
}
