package dev.foresight.renderer.closure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClosureTest {

  private final Closure closure = new Closure(
      Set.of("apps/base/app/deployment.yaml", "apps/base/app/kustomization.yaml", "apps/overlays/p/kustomization.yaml",
          "apps/overlays/p/missing.yaml"),
      Set.of("clusters/prod"),
      Set.of("apps/base/app", "apps/overlays/p", "clusters/prod"),
      Set.of(), List.of());

  @Test
  void recordedFileCounts() {
    assertTrue(closure.intersects(Set.of("apps/base/app/deployment.yaml")));
    assertTrue(closure.intersects(Set.of("x/y.yaml", "apps/overlays/p/kustomization.yaml")));
  }

  @Test
  void pathsUnderARecordedTreeCount() {
    assertTrue(closure.intersects(Set.of("clusters/prod/a/b/c.yaml")));
    assertTrue(closure.intersects(Set.of("clusters/prod/README.md")));
    assertFalse(closure.intersects(Set.of("clusters/production/x.yaml")), "prefix of a name is not a parent");
  }

  @Test
  void directChildrenOfKustomizationDirectoriesCount() {
    assertTrue(closure.intersects(Set.of("apps/base/app/new.yaml")));
    assertTrue(closure.intersects(Set.of("apps/overlays/p/kustomization.yml")));
    assertFalse(closure.intersects(Set.of("apps/base/app/sub/deeper.yaml")));
  }

  @Test
  void belowARecordedFileCounts() {
    // a missing resource that later appears as a directory
    assertTrue(closure.intersects(Set.of("apps/overlays/p/missing.yaml/kustomization.yaml")));
  }

  @Test
  void unrelatedPathsDoNotCount() {
    assertFalse(closure.intersects(Set.of()));
    assertFalse(closure.intersects(Set.of("apps/base/other/deployment.yaml", "infrastructure/x.yaml", "README.md",
        "apps/overlays/q/kustomization.yaml")));
  }

  @Test
  void rootTreeCountsEverything() {
    Closure root = new Closure(Set.of(), Set.of(""), Set.of(""), Set.of(), List.of());
    assertTrue(root.intersects(Set.of("any/where.yaml")));
    assertFalse(root.intersects(Set.of()));
  }

  @Test
  void unionAndFlags() {
    Closure remote = new Closure(Set.of(), Set.of(), Set.of(), Set.of("https://x"), List.of());
    Closure broken = new Closure(Set.of("a"), Set.of(), Set.of(), Set.of(), List.of("a is missing"));
    assertTrue(remote.alwaysAffected());
    assertFalse(remote.incomplete());
    assertTrue(broken.incomplete());
    Closure u = closure.union(remote).union(broken);
    assertTrue(u.incomplete());
    assertEquals(Set.of("https://x"), u.remote());
    assertTrue(u.files().contains("a"));
    assertFalse(Closure.empty().alwaysAffected());
    assertFalse(Closure.empty().intersects(Set.of("a")));
  }
}
