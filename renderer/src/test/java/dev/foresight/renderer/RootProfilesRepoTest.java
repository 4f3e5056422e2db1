package dev.foresight.renderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.renderer.engine.EngineChoice;
import dev.foresight.renderer.flux.Profile;
import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.RenderPlan;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.RenderStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Real git repositories whose entry point is neither profiles/ nor clusters/: the root Flux
 * Kustomization is found and names the profile; foresight.yaml introduced by a change and
 * {@code --profile-path} apply at both sides.
 */
class RootProfilesRepoTest extends FluxTestBase {

  static final String HR_DEFAULTS = """
      patches:
        - # Add Kustomization defaults for all child Kustomizations
          patch: |-
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata:
              name: _
            spec:
              deletionPolicy: WaitForTermination
              patches:
                - patch: |-
                    apiVersion: helm.toolkit.fluxcd.io/v2
                    kind: HelmRelease
                    metadata:
                      name: _
                    spec:
                      install:
                        crds: CreateReplace
                  target:
                    group: helm.toolkit.fluxcd.io
                    kind: HelmRelease
          target:
            group: kustomize.toolkit.fluxcd.io
            kind: Kustomization
      """;

  /** onedr0p/cluster-template: kubernetes/flux/cluster/ks.yaml (no kustomization.yaml) applies kubernetes/apps. */
  static Map<String, String> clusterTemplate(int replicas) {
    Map<String, String> files = new HashMap<>();
    files.put("kubernetes/flux/cluster/ks.yaml", "---\n" + FluxHarness.ks("cluster-apps", "./kubernetes/apps",
        "wait: false", HR_DEFAULTS));
    files.put("kubernetes/apps/default/kustomization.yaml", "---\napiVersion: kustomize.config.k8s.io/v1beta1\n"
        + "kind: Kustomization\nnamespace: default\nresources:\n  - ./namespace.yaml\n  - ./echo/ks.yaml\n");
    files.put("kubernetes/apps/default/namespace.yaml", "---\napiVersion: v1\nkind: Namespace\nmetadata:\n"
        + "  name: default\n");
    files.put("kubernetes/apps/default/echo/ks.yaml", "---\napiVersion: kustomize.toolkit.fluxcd.io/v1\n"
        + "kind: Kustomization\nmetadata:\n  name: echo\nspec:\n  interval: 1h\n  path: ./kubernetes/apps/default/echo/app\n"
        + "  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n    namespace: flux-system\n"
        + "  targetNamespace: default\n  wait: false\n");
    files.put("kubernetes/apps/default/echo/app/kustomization.yaml", "---\napiVersion: kustomize.config.k8s.io/v1beta1\n"
        + "kind: Kustomization\nresources:\n  - ./helmrelease.yaml\n");
    files.put("kubernetes/apps/default/echo/app/helmrelease.yaml", "---\napiVersion: helm.toolkit.fluxcd.io/v2\n"
        + "kind: HelmRelease\nmetadata:\n  name: echo\nspec:\n  interval: 1h\n  chartRef:\n    kind: OCIRepository\n"
        + "    name: echo\n  values:\n    controllers:\n      echo:\n        replicas: " + replicas + "\n");
    return files;
  }

  @Test
  void theRootKustomizationOfKubernetesFluxClusterIsTheProfileAndItsChildrenRender() throws Exception {
    String head = flux.commit(clusterTemplate(1));
    RenderPlan plan = flux.plan(ChangeIds.ZERO_SHA, head);
    assertEquals(List.of("cluster:flux-system/cluster-apps@kubernetes/apps",
        "cluster:default/echo@kubernetes/apps/default/echo/app"), FluxHarness.pairs(plan));
    RenderResult echo = flux.render(ChangeIds.ZERO_SHA, head, "cluster", "default", "echo");
    assertEquals(RenderStatus.OK, echo.getStatus(), echo.getError());
    String out = echo.getHead().getContent();
    assertTrue(out.contains("crds: CreateReplace") && out.contains("namespace: default"),
        "the root's patches reach the child's HelmRelease: " + out);
  }

  /** fluxcd/flux2-kustomize-helm-example's clusters under kubernetes/clusters, with Flux's bootstrap gotk-sync.yaml. */
  @Test
  void bootstrapKustomizationsUnderKubernetesClustersAreOneProfileEach() throws Exception {
    Map<String, String> files = new HashMap<>();
    FluxExampleRepoTest.repository().forEach((path, text) -> files.put(
        path.startsWith("clusters/") ? "kubernetes/" + path : path, text));
    for (String cluster : List.of("production", "staging")) {
      files.put("kubernetes/clusters/" + cluster + "/flux-system/gotk-sync.yaml",
          FluxHarness.ks("flux-system", "./kubernetes/clusters/" + cluster));
      files.put("kubernetes/clusters/" + cluster + "/flux-system/kustomization.yaml",
          FluxHarness.entry("gotk-sync.yaml"));
    }
    String head = flux.commit(files);
    List<String> pairs = FluxHarness.pairs(flux.plan(ChangeIds.ZERO_SHA, head));
    assertEquals(List.of("production:flux-system/apps@apps/production",
        "production:flux-system/flux-system@kubernetes/clusters/production",
        "production:flux-system/infra-configs@infrastructure/configs",
        "production:flux-system/infra-controllers@infrastructure/controllers",
        "staging:flux-system/apps@apps/staging",
        "staging:flux-system/flux-system@kubernetes/clusters/staging",
        "staging:flux-system/infra-configs@infrastructure/configs",
        "staging:flux-system/infra-controllers@infrastructure/controllers"), pairs);
    RenderResult apps = flux.render(ChangeIds.ZERO_SHA, head, "production", "flux-system", "apps");
    assertEquals(RenderStatus.OK, apps.getStatus(), apps.getError());
    assertTrue(apps.getHead().getContent().contains("replicaCount: 2"), apps.getHead().getContent());
  }

  @Test
  void aForesightYamlIntroducedByTheChangeNamesTheProfilesOfBothSides() throws Exception {
    String base = flux.commit(clusterTemplate(1));
    String head = flux.commit(Map.of("foresight.yaml", "profiles:\n  - name: home\n    path: kubernetes/flux/cluster\n",
        "kubernetes/apps/default/echo/app/helmrelease.yaml", clusterTemplate(2)
            .get("kubernetes/apps/default/echo/app/helmrelease.yaml")));
    RenderPlan plan = flux.plan(base, head);
    assertEquals(List.of("home:flux-system/cluster-apps@kubernetes/apps",
        "home:default/echo@kubernetes/apps/default/echo/app"), FluxHarness.pairs(plan));
    RenderResult echo = flux.render(base, head, "home", "default", "echo");
    assertEquals(RenderStatus.OK, echo.getStatus(), echo.getError());
    assertNotNull(echo.getBase(), "base renders head's profile, so only the replica change differs");
    assertTrue(echo.getBase().getContent().contains("replicas: 1") && echo.getHead().getContent().contains("replicas: 2"));
  }

  @Test
  void profilePathsNameTheProfilesOfBothSides() throws Exception {
    String base = flux.commit(clusterTemplate(1));
    String head = flux.commit(clusterTemplate(3));
    try (Renderer renderer = new Renderer(new RendererConfig(tmp.resolve("data2"), FluxHarness.KEY,
        Duration.ofSeconds(60)).withEngine(EngineChoice.NATIVE)
        .withProfilePaths(List.of(new Profile("lab", "kubernetes/flux/cluster"))))) {
      RenderPlan plan = renderer.plan(flux.change(base, head));
      assertNull(plan.getError(), plan.getError());
      assertEquals(List.of("lab:flux-system/cluster-apps@kubernetes/apps",
          "lab:default/echo@kubernetes/apps/default/echo/app"), FluxHarness.pairs(plan));
    }
  }
}
