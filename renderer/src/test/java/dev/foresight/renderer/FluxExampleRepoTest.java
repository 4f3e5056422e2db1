package dev.foresight.renderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.RenderJob;
import dev.foresight.schema.RenderPlan;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.RenderStatus;
import dev.foresight.testing.Golden;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A repository laid out like fluxcd/flux2-kustomize-helm-example, rendered per cluster. */
class FluxExampleRepoTest extends FluxTestBase {

  static String fluxKs(String name, String path, String dependsOn) {
    return "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: " + name
        + "\n  namespace: flux-system\nspec:\n" + (dependsOn == null ? "" : "  dependsOn:\n    - name: " + dependsOn + "\n")
        + "  interval: 1h\n  retryInterval: 1m\n  timeout: 5m\n  sourceRef:\n    kind: GitRepository\n"
        + "    name: flux-system\n  path: " + path + "\n  prune: true\n  wait: true\n";
  }

  static String helm(String namespace, String name, String repoUrl, String chart, String values) {
    return "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + namespace + "\n---\n"
        + "apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: " + name
        + "\n  namespace: " + namespace + "\nspec:\n  interval: 24h\n  url: " + repoUrl + "\n---\n"
        + "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: " + name + "\n  namespace: "
        + namespace + "\nspec:\n  interval: 30m\n  chart:\n    spec:\n      chart: " + chart + "\n      version: \"*\"\n"
        + "      sourceRef:\n        kind: HelmRepository\n        name: " + name + "\n        namespace: " + namespace
        + "\n      interval: 12h\n  values:\n" + values;
  }

  static String values(String host, int replicas) {
    return "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: podinfo\n  namespace: podinfo\n"
        + "spec:\n  chart:\n    spec:\n      version: \">=1.0.0\"\n  values:\n    replicaCount: " + replicas + "\n"
        + "    ingress:\n      hosts:\n        - host: " + host + "\n";
  }

  static Map<String, String> repository() {
    Map<String, String> files = new HashMap<>();
    for (String cluster : List.of("production", "staging")) {
      files.put("clusters/" + cluster + "/infrastructure.yaml", fluxKs("infra-controllers", "./infrastructure/controllers",
          null) + "---\n" + fluxKs("infra-configs", "./infrastructure/configs", "infra-controllers"));
      files.put("clusters/" + cluster + "/apps.yaml", fluxKs("apps", "./apps/" + cluster, "infra-configs"));
      files.put("apps/" + cluster + "/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\n"
          + "kind: Kustomization\nresources:\n  - ../base/podinfo\npatches:\n  - path: podinfo-values.yaml\n"
          + "    target:\n      kind: HelmRelease\n");
    }
    files.put("apps/production/podinfo-values.yaml", values("podinfo.production", 2));
    files.put("apps/staging/podinfo-values.yaml", values("podinfo.staging", 1));
    files.put("apps/base/podinfo/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\n"
        + "kind: Kustomization\nnamespace: podinfo\nresources:\n  - release.yaml\n");
    files.put("apps/base/podinfo/release.yaml", helm("podinfo", "podinfo", "https://stefanprodan.github.io/podinfo",
        "podinfo", "    ingress:\n      enabled: true\n      className: nginx\n"));
    files.put("infrastructure/controllers/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\n"
        + "kind: Kustomization\nresources:\n  - cert-manager.yaml\n  - ingress-nginx.yaml\n");
    files.put("infrastructure/controllers/cert-manager.yaml", helm("cert-manager", "cert-manager",
        "https://charts.jetstack.io", "cert-manager", "    installCRDs: true\n"));
    files.put("infrastructure/controllers/ingress-nginx.yaml", helm("ingress-nginx", "ingress-nginx",
        "https://kubernetes.github.io/ingress-nginx", "ingress-nginx", "    controller:\n      service:\n"
            + "        type: \"NodePort\"\n"));
    files.put("infrastructure/configs/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\n"
        + "kind: Kustomization\nresources:\n  - cluster-issuers.yaml\n");
    files.put("infrastructure/configs/cluster-issuers.yaml", "apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\n"
        + "metadata:\n  name: letsencrypt\nspec:\n  acme:\n    email: fluxcdbot@users.noreply.github.com\n"
        + "    server: https://acme-staging-v02.api.letsencrypt.org/directory\n    privateKeySecretRef:\n"
        + "      name: letsencrypt-nginx\n    solvers:\n      - http01:\n          ingress:\n"
        + "            class: nginx\n");
    return files;
  }

  @Test
  void rendersEachClusterAndAValuesChangeShowsOnlyInItsCluster() throws Exception {
    String first = flux.commit(repository());
    RenderPlan plan = flux.plan(ChangeIds.ZERO_SHA, first);
    assertEquals(List.of("production:flux-system/apps@apps/production",
        "production:flux-system/infra-configs@infrastructure/configs",
        "production:flux-system/infra-controllers@infrastructure/controllers",
        "staging:flux-system/apps@apps/staging",
        "staging:flux-system/infra-configs@infrastructure/configs",
        "staging:flux-system/infra-controllers@infrastructure/controllers"), FluxHarness.pairs(plan));

    RenderResult apps = flux.render(first, "production", "apps");
    assertEquals(RenderStatus.OK, apps.getStatus(), apps.getError());
    String out = apps.getHead().getContent();
    assertTrue(out.contains("kind: HelmRelease") && out.contains("kind: HelmRepository"), out);
    assertTrue(out.contains("replicaCount: 2") && out.contains("host: podinfo.production"), out);
    flux.crossCheck("apps/production", Map.of(), out);
    RenderResult controllers = flux.render(first, "staging", "infra-controllers");
    assertEquals(6, controllers.getHead().getObjects());

    String second = flux.commit(Map.of("apps/staging/podinfo-values.yaml", values("podinfo.staging", 3)));
    RenderPlan change = flux.plan(first, second);
    assertEquals(6, change.getPairs().size());
    List<String> changed = new ArrayList<>();
    for (RenderJob job : flux.renderer.jobs(change)) {
      RenderResult result = flux.renderer.render(job);
      assertEquals(RenderStatus.OK, result.getStatus(), result.getError());
      assertEquals(List.of(), result.getWarnings());
      if (!result.getBase().getContent().equals(result.getHead().getContent())) {
        changed.add(job.getProfile() + "/" + job.getKustomization());
      }
    }
    assertEquals(List.of("staging/apps"), changed);
    RenderResult staging = flux.render(first, second, "staging", "flux-system", "apps");
    assertTrue(staging.getHead().getContent().contains("replicaCount: 3"), staging.getHead().getContent());
    assertFalse(staging.getBase().getContent().contains("replicaCount: 3"));
  }

  /** Every pair of both clusters at one commit, as golden files ({@code -Dgolden.update=true} rewrites them). */
  @Test
  void goldenPerCluster() throws Exception {
    String head = flux.commit(repository());
    RenderPlan plan = flux.plan(ChangeIds.ZERO_SHA, head);
    Golden.assertMatches("flux-example", "pairs.txt", String.join("\n", FluxHarness.pairs(plan)) + "\n");
    for (RenderJob job : flux.renderer.jobs(plan)) {
      RenderResult result = flux.renderer.render(job);
      assertEquals(RenderStatus.OK, result.getStatus(), result.getError());
      Golden.assertMatches("flux-example", job.getProfile() + "/" + job.getKustomization() + ".yaml",
          result.getHead().getContent());
    }
  }
}
