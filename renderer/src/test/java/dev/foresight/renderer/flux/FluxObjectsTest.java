package dev.foresight.renderer.flux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.foresight.kustomize.MapFileTree;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FluxObjectsTest {

  @Test
  void findsFluxKustomizationsOnly() {
    String yaml = """
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata:
          name: apps
          namespace: flux-system
        spec:
          path: ./apps/overlays/staging
          postBuild:
            substitute:
              cluster_name: staging
              replicas: 3
        ---
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        metadata:
          name: not-flux
        ---
        apiVersion: kustomize.toolkit.fluxcd.io/v1beta2
        kind: Kustomization
        metadata:
          name: infra
        spec:
          path: infrastructure
        ---
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata:
          name: flux-system
        """;
    List<FluxKustomization> found = FluxObjects.parse(yaml);
    assertEquals(2, found.size());
    FluxKustomization apps = found.get(0);
    assertEquals("apps", apps.name());
    assertEquals("flux-system", apps.namespace());
    assertEquals("./apps/overlays/staging", apps.path());
    assertEquals(Map.of("cluster_name", "staging", "replicas", "3"), apps.substitute());
    assertEquals("infra", found.get(1).name());
    assertEquals("", found.get(1).namespace());
  }

  @Test
  void invalidYamlNamesTheDocument() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FluxObjects.parse("a: 1\n---\nb: [unclosed\n"));
    assertEquals(true, e.getMessage().startsWith("document 2 "), e.getMessage());
  }

  @Test
  void discoversDirectoriesUnderProfiles() throws Exception {
    MapFileTree tree = new MapFileTree(Map.of(
        "profiles/b/kustomization.yaml", "x", "profiles/a/kustomization.yaml", "x", "profiles/README.md", "x"));
    assertEquals(List.of(new Profile("a", "profiles/a"), new Profile("b", "profiles/b")), ProfileDiscovery.discover(tree));
    assertEquals(List.of(), ProfileDiscovery.discover(new MapFileTree(Map.of("apps/x.yaml", "x"))));
  }
}
