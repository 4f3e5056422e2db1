package dev.foresight.renderer.flux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.kustomize.MapFileTree;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Root Flux Kustomizations as the profiles of repositories without profiles/ or clusters/. */
class RootKustomizationDiscoveryTest {

  static String ks(String name, String path, String source) {
    return "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: " + name
        + "\n  namespace: flux-system\nspec:\n  interval: 1h\n  path: " + path + "\n  prune: true\n  sourceRef:\n"
        + "    kind: GitRepository\n    name: " + source + "\n";
  }

  static String kustomization(String... resources) {
    StringBuilder out = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n");
    for (String r : resources) {
      out.append("  - ").append(r).append('\n');
    }
    return out.toString();
  }

  /** onedr0p/cluster-template: kubernetes/flux/cluster/ks.yaml applies kubernetes/apps, whose ks.yaml files are children. */
  static Map<String, String> clusterTemplate() {
    Map<String, String> files = new HashMap<>();
    files.put("kubernetes/flux/cluster/ks.yaml", "---\n" + ks("cluster-apps", "./kubernetes/apps", "flux-system"));
    files.put("kubernetes/apps/default/kustomization.yaml", kustomization("./namespace.yaml", "./echo/ks.yaml"));
    files.put("kubernetes/apps/default/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: default\n");
    files.put("kubernetes/apps/default/echo/ks.yaml", ks("echo", "./kubernetes/apps/default/echo/app", "flux-system"));
    files.put("kubernetes/apps/default/echo/app/kustomization.yaml", kustomization("./helmrelease.yaml"));
    files.put(".github/workflows/flux-local.yaml", "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n"
        + "metadata:\n  name: not-flux\n");
    return files;
  }

  @Test
  void aKustomizationNoOtherAppliesIsAProfileNamedAfterItsDirectory() throws Exception {
    assertEquals(List.of(new Profile("cluster", "kubernetes/flux/cluster")),
        ProfileDiscovery.discover(new MapFileTree(clusterTemplate())));
  }

  @Test
  void aBootstrapKustomizationWhosePathHoldsItIsTheProfileOfThatPath() throws Exception {
    Map<String, String> files = new HashMap<>();
    for (String cluster : List.of("main", "dr")) {
      files.put("kubernetes/clusters/" + cluster + "/flux-system/gotk-sync.yaml",
          ks("flux-system", "./kubernetes/clusters/" + cluster, "flux-system"));
      files.put("kubernetes/clusters/" + cluster + "/apps.yaml", ks("apps", "./kubernetes/apps/" + cluster, "flux-system"));
      files.put("kubernetes/apps/" + cluster + "/podinfo/ks.yaml", ks("podinfo", "./kubernetes/apps/base/podinfo",
          "flux-system"));
    }
    assertEquals(List.of(new Profile("dr", "kubernetes/clusters/dr"), new Profile("main", "kubernetes/clusters/main")),
        ProfileDiscovery.discover(new MapFileTree(files)));
  }

  @Test
  void aKustomizationFileReachedThroughResourcesOutsideThePathIsNoRoot() throws Exception {
    Map<String, String> files = new HashMap<>();
    files.put("deploy/prod/sync.yaml", ks("prod", "./deploy/prod", "flux-system"));
    files.put("deploy/prod/kustomization.yaml", kustomization("sync.yaml", "../shared"));
    files.put("deploy/shared/kustomization.yaml", kustomization("infra.yaml"));
    files.put("deploy/shared/infra.yaml", ks("infra", "./infra", "flux-system"));
    assertEquals(List.of(new Profile("prod", "deploy/prod")), ProfileDiscovery.discover(new MapFileTree(files)));
  }

  @Test
  void thePathOfAnotherRepositoryContainsNothingHere() throws Exception {
    Map<String, String> files = new HashMap<>(clusterTemplate());
    // podinfo's ./kustomize is a directory of stefanprodan/podinfo, not of this repository
    files.put("kubernetes/flux/cluster/podinfo.yaml", ks("podinfo", "./", "podinfo"));
    assertEquals(List.of(new Profile("cluster", "kubernetes/flux/cluster")),
        ProfileDiscovery.discover(new MapFileTree(files)));
    ForesightConfig self = ForesightConfig.parse("sources:\n  flux-system/podinfo:\n    url: self\n    ref: main\n");
    assertEquals(List.of(new Profile("podinfo", "")), ProfileDiscovery.discover(new MapFileTree(files), self),
        "configured as this repository, its path ./ applies every file: it is the only root, the repository root its"
            + " entry, named after it");
  }

  @Test
  void twoRootsOfTheSameNameAskForProfilePaths() {
    Map<String, String> files = new HashMap<>();
    files.put("kubernetes/flux/cluster/ks.yaml", ks("cluster-apps", "./kubernetes/apps", "flux-system"));
    files.put("talos/cluster/ks.yaml", ks("talos", "./talos/apps", "flux-system"));
    ForesightConfig.InvalidException e = assertThrows(ForesightConfig.InvalidException.class,
        () -> ProfileDiscovery.discover(new MapFileTree(files)));
    assertTrue(e.getMessage().startsWith("profile 'cluster' is both kubernetes/flux/cluster and talos/cluster"),
        e.getMessage());
    assertTrue(e.getMessage().contains("--profile-path cluster=kubernetes/flux/cluster --profile-path"
        + " cluster-2=talos/cluster"), e.getMessage());
  }

  @Test
  void profilesAndClustersDirectoriesStillWin() throws Exception {
    Map<String, String> files = new HashMap<>(clusterTemplate());
    files.put("clusters/prod/apps.yaml", ks("apps", "./apps", "flux-system"));
    assertEquals(List.of(new Profile("prod", "clusters/prod")), ProfileDiscovery.discover(new MapFileTree(files)));
  }
}
