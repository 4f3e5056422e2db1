package dev.foresight.renderer.flux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.kustomize.MapFileTree;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Go's fs.Glob for {@code from}, doublestar for {@code exclude}. */
class ArtifactGlobsTest {

  static final MapFileTree TREE = new MapFileTree(Map.of("apps/a/k.yaml", "", "apps/b/k.yaml", "", "apps/x.yaml", "",
      "apps/b/deep/k.yaml", "", "top.yaml", ""));

  @Test
  void fromGlobsMatchOneLevelPerSegmentInNameOrder() throws Exception {
    assertEquals(List.of("apps/a", "apps/b", "apps/x.yaml"), ArtifactGlobs.glob(TREE, "apps/*"));
    assertEquals(ArtifactGlobs.glob(TREE, "apps/*"), ArtifactGlobs.glob(TREE, "apps/**"), "** is * twice");
    assertEquals(List.of("apps/a/k.yaml", "apps/b/k.yaml"), ArtifactGlobs.glob(TREE, "apps/*/k.yaml"));
    assertEquals(List.of("apps/a", "apps/x.yaml"), ArtifactGlobs.glob(TREE, "apps/[^b]*"));
    assertEquals(List.of("apps/a", "apps/b"), ArtifactGlobs.glob(TREE, "apps/?"));
    assertEquals(List.of("top.yaml"), ArtifactGlobs.glob(TREE, "*.yaml"));
    assertEquals(List.of(), ArtifactGlobs.glob(TREE, "./apps/*"), "not a valid io/fs path");
    for (String bad : List.of("[", "apps/[]a]", "a\\", "[a-]")) {
      assertThrows(ArtifactGlobs.BadPattern.class, () -> ArtifactGlobs.glob(TREE, bad), bad);
    }
  }

  @Test
  void excludesAreDoublestar() throws Exception {
    Pattern testdata = ArtifactGlobs.doublestar("**/testdata/**");
    for (String path : List.of("testdata/x", "a/testdata/x/y", "a/testdata")) {
      assertTrue(testdata.matcher(path).matches(), path);
    }
    assertFalse(testdata.matcher("a/testdatax/y").matches());
    assertTrue(ArtifactGlobs.doublestar("dir/**").matcher("dir").matches());
    assertFalse(ArtifactGlobs.doublestar("*.md").matcher("a/b.md").matches(), "* does not cross /");
    assertTrue(ArtifactGlobs.doublestar("{a,b}/*.yaml").matcher("b/x.yaml").matches());
    assertTrue(ArtifactGlobs.doublestar("[!a].txt").matcher("b.txt").matches());
    assertFalse(ArtifactGlobs.doublestar("[!a].txt").matcher("a.txt").matches());
    assertTrue(ArtifactGlobs.doublestar("**/.*").matcher("x/.hidden").matches());
    assertThrows(ArtifactGlobs.BadPattern.class, () -> ArtifactGlobs.doublestar("{a,b"));
  }
}
