package dev.foresight.renderer.closure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AffectedPairsTest {

  private static final Closure C = new Closure(Set.of("apps/p/kustomization.yaml"), Set.of(), Set.of("apps/p"),
      Set.of(), List.of());
  private static final String SPEC = "spec: {path: ./apps/p}";

  private static AffectedPairs.Side side(String spec, Closure closure, Map<String, String> sources) {
    return new AffectedPairs.Side(spec, closure, sources);
  }

  @Test
  void unchangedPairIsSkipped() {
    AffectedPairs.Decision d = AffectedPairs.decide(side(SPEC, C, Map.of()), side(SPEC, C, Map.of()),
        Set.of("apps/q/kustomization.yaml"));
    assertFalse(d.affected());
    assertTrue(d.reason().startsWith("unchanged"), d.reason());
  }

  @Test
  void everyReasonToRender() {
    Set<String> unrelated = Set.of("README.md");
    assertTrue(AffectedPairs.decide(null, side(SPEC, C, Map.of()), unrelated).affected());
    assertTrue(AffectedPairs.decide(side(SPEC, C, Map.of()), null, unrelated).affected());
    assertTrue(AffectedPairs.decide(side(SPEC, C, Map.of()), side(SPEC + " ", C, Map.of()), unrelated).affected());
    assertTrue(AffectedPairs.decide(side(SPEC, C, Map.of("ConfigMap/vars", "1")),
        side(SPEC, C, Map.of("ConfigMap/vars", "2")), unrelated).affected());
    Closure broken = C.union(new Closure(Set.of(), Set.of(), Set.of(), Set.of(), List.of("x missing")));
    assertTrue(AffectedPairs.decide(side(SPEC, C, Map.of()), side(SPEC, broken, Map.of()), unrelated).affected());
    Closure remote = C.union(new Closure(Set.of(), Set.of(), Set.of(), Set.of("https://x"), List.of()));
    assertTrue(AffectedPairs.decide(side(SPEC, remote, Map.of()), side(SPEC, C, Map.of()), unrelated).affected());
    AffectedPairs.Decision hit = AffectedPairs.decide(side(SPEC, C, Map.of()), side(SPEC, C, Map.of()),
        Set.of("README.md", "apps/p/new.yaml"));
    assertTrue(hit.affected());
    assertTrue(hit.reason().contains("apps/p/new.yaml"), hit.reason());
    // only the head closure reaches the changed path
    Closure head = C.union(new Closure(Set.of("apps/base/x.yaml"), Set.of(), Set.of(), Set.of(), List.of()));
    assertTrue(AffectedPairs.decide(side(SPEC, C, Map.of()), side(SPEC, head, Map.of()), Set.of("apps/base/x.yaml"))
        .affected());
  }

  @Test
  void changedIgnoreRulesOfTheSourceAreTheirOwnReason() {
    AffectedPairs.Decision d = AffectedPairs.decide(side(SPEC, C, Map.of(AffectedPairs.SOURCE_IGNORE, "a")),
        side(SPEC, C, Map.of(AffectedPairs.SOURCE_IGNORE, "b")), Set.of("docs/.sourceignore"));
    assertTrue(d.affected());
    assertTrue(d.reason().startsWith("the GitRepository's ignore rules changed"), d.reason());
    assertFalse(AffectedPairs.decide(side(SPEC, C, Map.of(AffectedPairs.SOURCE_IGNORE, "a")),
        side(SPEC, C, Map.of(AffectedPairs.SOURCE_IGNORE, "a")), Set.of("docs/.sourceignore")).affected());
  }

  @Test
  void profileUnchanged() {
    Closure profile = new Closure(Set.of("profiles/p/kustomization.yaml", "profiles/p/apps.yaml"), Set.of(),
        Set.of("profiles/p"), Set.of(), List.of());
    assertTrue(AffectedPairs.profileUnchanged(profile, profile, Set.of("apps/p/x.yaml")));
    assertFalse(AffectedPairs.profileUnchanged(profile, profile, Set.of("profiles/p/apps.yaml")));
  }

  @Test
  void canonicalTextIgnoresKeyOrderButNotValues() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("path", "./x");
    a.put("postBuild", Map.of("substitute", Map.of("n", "1")));
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("postBuild", Map.of("substitute", Map.of("n", "1")));
    b.put("path", "./x");
    assertEquals(AffectedPairs.canonical(a), AffectedPairs.canonical(b));
    b.put("path", "./y");
    assertFalse(AffectedPairs.canonical(a).equals(AffectedPairs.canonical(b)));
    assertFalse(AffectedPairs.canonical(Map.of("a", 1)).equals(AffectedPairs.canonical(Map.of("a", "1"))));
  }
}
