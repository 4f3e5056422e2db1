package dev.foresight.renderer.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.kustomize.MapFileTree;
import dev.foresight.renderer.Tools;
import dev.foresight.renderer.engine.CountingEngine;
import dev.foresight.renderer.engine.ExecEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingEngineTest {

  @TempDir Path tmp;

  static MapFileTree tree(String value) {
    return new MapFileTree(Map.of(
        "app/kustomization.yaml", "resources:\n- cm.yaml\nnamePrefix: x-\n",
        "app/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: " + value + "\n",
        "elsewhere/readme.md", "not read by app\n"));
  }

  @Test
  void answersUnchangedBuildsFromTheCacheAndRendersChangedOnes() throws Exception {
    Tools.assumeKubectl();
    RenderCache cache = new RenderCache(tmp.resolve("data"));
    CountingEngine exec = new CountingEngine(new ExecEngine(tmp.resolve("work"), Duration.ofSeconds(60)));
    try (CachingEngine engine = new CachingEngine(exec, cache)) {
      String first = engine.build(tree("one"), "app");
      assertFalse(CachingEngine.lastBuildWasCached());
      assertTrue(first.contains("name: x-c"), first);

      String again = engine.build(tree("one"), "app");
      assertTrue(CachingEngine.lastBuildWasCached(), "same closure content: a hit");
      assertEquals(first, again);

      MapFileTree unrelated = new MapFileTree(Map.of(
          "app/kustomization.yaml", "resources:\n- cm.yaml\nnamePrefix: x-\n",
          "app/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: one\n",
          "elsewhere/readme.md", "changed, but outside the closure\n"));
      assertEquals(first, engine.build(unrelated, "app"));
      assertTrue(CachingEngine.lastBuildWasCached(), "a change outside the closure still hits");

      String changed = engine.build(tree("two"), "app");
      assertFalse(CachingEngine.lastBuildWasCached(), "a closure file changed: rendered again");
      assertNotEquals(first, changed);
      assertEquals(2, cache.stats().hits());
      assertEquals(4, engine.lookups(), "every build was looked up");
      assertEquals(2, engine.hits());
      assertEquals(2, exec.builds(), "only the misses reached kubectl");
    }
  }
}
