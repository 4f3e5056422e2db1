package dev.foresight.renderer.flux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.kustomize.MapFileTree;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileDiscoveryTest {

  @Test
  void defaultDiscoveryIsEveryDirectoryUnderProfilesAndUnderClusters() throws Exception {
    MapFileTree tree = new MapFileTree(Map.of(
        "profiles/edge/kustomization.yaml", "x", "profiles/README.md", "x",
        "clusters/production/flux-system/gotk-sync.yaml", "x", "clusters/staging/apps.yaml", "x",
        "clusters/notes.txt", "x", "apps/base/x.yaml", "x"));
    assertEquals(List.of(new Profile("edge", "profiles/edge"), new Profile("production", "clusters/production"),
        new Profile("staging", "clusters/staging")), ProfileDiscovery.discover(tree));
  }

  @Test
  void onlyClustersOrOnlyProfilesOrNeither() throws Exception {
    assertEquals(List.of(new Profile("prod", "clusters/prod")),
        ProfileDiscovery.discover(new MapFileTree(Map.of("clusters/prod/a.yaml", "x"))));
    assertEquals(List.of(new Profile("a", "profiles/a")),
        ProfileDiscovery.discover(new MapFileTree(Map.of("profiles/a/a.yaml", "x"))));
    assertEquals(List.of(), ProfileDiscovery.discover(new MapFileTree(Map.of("apps/x.yaml", "x"))));
  }

  @Test
  void aNameUnderBothIsAnErrorAskingForProfilesInForesightYaml() {
    MapFileTree tree = new MapFileTree(Map.of("profiles/eu/a.yaml", "x", "clusters/eu/b.yaml", "x",
        "clusters/us/c.yaml", "x"));
    ForesightConfig.InvalidException e = assertThrows(ForesightConfig.InvalidException.class,
        () -> ProfileDiscovery.discover(tree));
    assertTrue(e.getMessage().startsWith("profile 'eu' is both profiles/eu and clusters/eu"), e.getMessage());
    assertTrue(e.getMessage().contains("list the profiles under profiles: in foresight.yaml, e.g. profiles:"
        + " [{name: eu, path: profiles/eu}, {name: eu-cluster, path: clusters/eu}]"), e.getMessage());
  }

  @Test
  void configuredProfilesResolveTheClash() throws Exception {
    MapFileTree tree = new MapFileTree(Map.of("profiles/eu/a.yaml", "x", "clusters/eu/b.yaml", "x"));
    ForesightConfig config = ForesightConfig.parse(
        "profiles:\n- name: eu\n  path: profiles/eu\n- name: eu-cluster\n  path: clusters/eu\n");
    assertEquals(List.of(new Profile("eu", "profiles/eu"), new Profile("eu-cluster", "clusters/eu")),
        ProfileDiscovery.discover(tree, config));
  }
}
