package dev.foresight.renderer.flux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.MapFileTree;
import dev.foresight.kustomize.OverlayFileTree;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Flux's generator rules (fluxcd/pkg kustomize_generator.go), as the rewritten kustomization file. */
class KustomizationOverlayTest {

  static final MapFileTree TREE = new MapFileTree(Map.of(
      "app/kustomization.yaml", "resources:\n- a.yaml\nimages:\n- name: nginx\n  newTag: '1.0'\n- name: redis\n"
          + "  newName: cache\n  newTag: '7'\n",
      "app/a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n",
      "components/x/kustomization.yaml", "kind: Component\n",
      "plain/z.yaml", "kind: ConfigMap\n",
      "plain/sub/y.yml", "kind: ConfigMap\n",
      "plain/k/Kustomization", "resources: []\n",
      "plain/.sops.yaml", "creation_rules: []\n",
      "plain/.github/workflows/ci.yaml", "on: push\n",
      "nores/kustomization.yaml", "configMapGenerator:\n- name: g\n  literals: [a=b]\n"));

  static String kustomization(FileTree tree, String file) throws Exception {
    return new String(tree.read(file).orElseThrow(), StandardCharsets.UTF_8);
  }

  @Test
  void nothingToDoKeepsTheTree() throws Exception {
    assertSame(TREE, KustomizationOverlay.apply(TREE, "app", Map.of("path", "./app", "interval", "1m")));
  }

  @Test
  void specFieldsRewriteTheExistingFile() throws Exception {
    FileTree tree = KustomizationOverlay.apply(TREE, "./app", Map.of(
        "targetNamespace", "ns",
        "namePrefix", "p-",
        "patches", List.of(Map.of("patch", "- op: remove\n  path: /data\n", "target", Map.of("kind", "ConfigMap",
            "labelSelector", "a=b"))),
        "components", List.of("../components/x", "../components/gone"),
        "ignoreMissingComponents", true,
        "images", List.of(Map.of("name", "nginx", "digest", "sha256:abc"), Map.of("name", "redis", "newName", "valkey"),
            Map.of("name", "new", "newTag", "2"))));
    assertTrue(tree instanceof OverlayFileTree);
    assertEquals("""
        resources:
        - a.yaml
        images:
        - name: nginx
          digest: sha256:abc
        - name: redis
          newName: valkey
          newTag: '7'
        - name: new
          newTag: '2'
        namespace: ns
        namePrefix: p-
        patches:
        - patch: |
            - op: remove
              path: /data
          target:
            kind: ConfigMap
            labelSelector: a=b
        components:
        - ../components/x
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        """, kustomization(tree, "app/kustomization.yaml"));
    assertEquals("resources:\n- a.yaml\nimages:\n- name: nginx\n  newTag: '1.0'\n- name: redis\n  newName: cache\n"
        + "  newTag: '7'\n", kustomization(TREE, "app/kustomization.yaml"), "the source tree is untouched");
  }

  @Test
  void generatedWhenMissingWithFluxResourceNamesWithoutSourceIgnoredFiles() throws Exception {
    FileTree tree = KustomizationOverlay.apply(SourceArtifactTree.of(TREE, null, null), "plain", Map.of());
    assertEquals("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- ./k\n- ./sub/y.yml\n"
        + "- ./z.yaml\n", kustomization(tree, "plain/kustomization.yaml"));
    assertEquals("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: _placeholder\n",
        GeneratedKustomization.generate(new MapFileTree(Map.of("e/readme.md", "x")), "e"));
  }

  @Test
  void existingWithoutResourcesGetsOriginAnnotations() throws Exception {
    FileTree tree = KustomizationOverlay.apply(TREE, "nores", Map.of());
    assertTrue(kustomization(tree, "nores/kustomization.yaml").contains("buildMetadata:\n- originAnnotations\n"),
        kustomization(tree, "nores/kustomization.yaml"));
  }

  @Test
  void remoteComponentsAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KustomizationOverlay.apply(TREE,
        "app", Map.of("components", List.of("https://github.com/x/y//c"))));
    assertEquals("component path 'https://github.com/x/y//c' must be local and relative", e.getMessage());
  }
}
