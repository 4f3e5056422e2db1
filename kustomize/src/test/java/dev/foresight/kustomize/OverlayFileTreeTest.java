package dev.foresight.kustomize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverlayFileTreeTest {

  static final MapFileTree BASE = new MapFileTree(Map.of("a/kustomization.yaml", "resources: []\n", "a/x.yaml", "x\n"));

  @Test
  void overridesAndAddsWithoutTouchingTheBase() throws Exception {
    OverlayFileTree tree = OverlayFileTree.ofText(BASE, Map.of("./a/kustomization.yaml", "namespace: n\n",
        "b/new/file.yaml", "y\n"));
    assertEquals("namespace: n\n", new String(tree.read("a/kustomization.yaml").orElseThrow(), StandardCharsets.UTF_8));
    assertEquals("resources: []\n", new String(BASE.read("a/kustomization.yaml").orElseThrow(), StandardCharsets.UTF_8));
    assertEquals("x\n", new String(tree.read("a/x.yaml").orElseThrow(), StandardCharsets.UTF_8));
    assertTrue(tree.isDirectory("b") && tree.isDirectory("b/new") && tree.isDirectory(""));
    assertFalse(tree.isDirectory("b/new/file.yaml"));
    assertTrue(tree.isFile("b/new/file.yaml"));
    assertEquals(List.of("a", "b"), tree.list(""));
    assertEquals(List.of("kustomization.yaml", "x.yaml"), tree.list("a"));
    assertEquals(List.of("a/kustomization.yaml", "a/x.yaml", "b/new/file.yaml"), FileTrees.walk(tree, ""));
  }

  @Test
  void keyedByContentAndFlattened() {
    OverlayFileTree one = OverlayFileTree.ofText(BASE, Map.of("a/kustomization.yaml", "namespace: n\n"));
    OverlayFileTree same = OverlayFileTree.ofText(BASE, Map.of("a/kustomization.yaml", "namespace: n\n"));
    OverlayFileTree other = OverlayFileTree.ofText(BASE, Map.of("a/kustomization.yaml", "namespace: m\n"));
    assertEquals(one.overlayKey(), same.overlayKey());
    assertNotEquals(one.overlayKey(), other.overlayKey());
    OverlayFileTree nested = OverlayFileTree.ofText(one, Map.of("c.yaml", "z\n"));
    assertEquals(BASE, nested.base());
    assertEquals(List.of("a/kustomization.yaml", "c.yaml"), List.copyOf(nested.overrides().keySet()));
  }
}
