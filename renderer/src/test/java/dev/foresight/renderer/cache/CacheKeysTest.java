package dev.foresight.renderer.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.MapFileTree;
import dev.foresight.renderer.TestRepo;
import dev.foresight.renderer.closure.Closure;
import dev.foresight.renderer.closure.ClosureCollector;
import dev.foresight.renderer.flux.SourceArtifactTree;
import dev.foresight.renderer.flux.KustomizationOverlay;
import dev.foresight.renderer.git.GitMirrors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheKeysTest {

  @TempDir Path tmp;

  private static final Map<String, String> FILES = Map.of(
      "apps/base/kustomization.yaml", "resources:\n- cm.yaml\n",
      "apps/base/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n",
      "apps/prod/kustomization.yaml", "resources:\n- ../base\n",
      "apps/prod/unreferenced-sub/x.yaml", "x: 1\n",
      "other/file.yaml", "o: 1\n");

  private static RenderCache.Key key(FileTree tree) throws Exception {
    Closure closure = ClosureCollector.collect(tree, "apps/prod");
    return CacheKeys.of("exec:kubectl v5.5.0", tree, closure).orElseThrow();
  }

  /** The tree kustomize-controller builds for a Flux Kustomization of apps/prod with {@code spec}. */
  private static FileTree flux(FileTree tree, Map<String, Object> spec) throws Exception {
    return KustomizationOverlay.apply(tree, "apps/prod", spec);
  }

  private static MapFileTree with(String path, String text) {
    Map<String, String> files = new HashMap<>(FILES);
    if (text == null) {
      files.remove(path);
    } else {
      files.put(path, text);
    }
    return new MapFileTree(files);
  }

  /** The artifact of {@link #FILES} plus {@code extra} (path, text pairs). */
  private static FileTree artifact(String... extra) throws Exception {
    Map<String, String> files = new HashMap<>(FILES);
    for (int i = 0; i < extra.length; i += 2) {
      files.put(extra[i], extra[i + 1]);
    }
    return SourceArtifactTree.of(new MapFileTree(files), null, null);
  }

  @Test
  void keyOfAnArtifactFollowsTheSourceignoreFilesOfItsInputsDirectories() throws Exception {
    RenderCache.Key k = key(artifact(".sourceignore", "*.md\n"));
    assertEquals(k, key(artifact(".sourceignore", "*.md\n")));
    assertNotEquals(k, key(artifact(".sourceignore", "*.txt\n")),
        "a .sourceignore above the inputs changed, though it hides none of them");
    assertNotEquals(k, key(artifact(".sourceignore", "*.md\n", "apps/base/.sourceignore", "nothing\n")),
        "one appearing in an input's directory");
    assertEquals(k, key(artifact(".sourceignore", "*.md\n", "other/.sourceignore", "nothing\n")),
        "one elsewhere decides nothing of these inputs");
  }

  @Test
  void keyFollowsEveryInputAndNothingElse() throws Exception {
    MapFileTree tree = new MapFileTree(FILES);
    RenderCache.Key k = key(tree);
    assertEquals(k, key(new MapFileTree(FILES)), "deterministic");
    assertEquals(k, key(with("other/file.yaml", "o: 2\n")), "outside the closure");
    assertEquals(k, key(with("apps/prod/unreferenced-sub/x.yaml", "x: 2\n")));

    assertNotEquals(k, key(with("apps/base/cm.yaml", "changed: true\n")), "closure file content");
    assertNotEquals(k, key(with("apps/base/new.yaml", "n: 1\n")), "listing of a kustomization dir");
    Closure closure = ClosureCollector.collect(tree, "apps/prod");
    assertNotEquals(k, CacheKeys.of("native 1", tree, closure).orElseThrow(), "engine");
  }

  @Test
  void theFluxSpecEntersThroughTheRewrittenKustomizationFile() throws Exception {
    MapFileTree tree = new MapFileTree(FILES);
    RenderCache.Key plain = key(flux(tree, Map.of()));
    assertEquals(key(tree), plain, "a spec that changes nothing kustomize reads: the source tree's key");
    Map<String, Object> prefixed = Map.of("namePrefix", "eu-");
    RenderCache.Key eu = key(flux(tree, prefixed));
    assertNotEquals(plain, eu, "namePrefix is written into apps/prod/kustomization.yaml");
    assertEquals(eu, key(flux(new MapFileTree(FILES), Map.of("namePrefix", "eu-"))), "same spec, same key");
    assertNotEquals(eu, key(flux(tree, Map.of("namePrefix", "us-"))));
    assertNotEquals(plain, key(flux(tree, Map.of("targetNamespace", "apps"))), "targetNamespace");
    assertNotEquals(plain, key(flux(tree, Map.of("images", List.of(Map.of("name", "nginx", "newTag", "1.2"))))),
        "images");
    // postBuild is applied to the engine's output after the cache: it is not part of what is built
    assertEquals(plain, key(flux(tree, Map.of("postBuild", Map.of("substitute", Map.of("v", "1"))))), "postBuild");
  }

  @Test
  void generatedDirectoriesHashEveryFileBelow() throws Exception {
    MapFileTree a = new MapFileTree(Map.of("flux/x.yaml", "a: 1\n", "flux/sub/y.yaml", "b: 1\n"));
    MapFileTree b = new MapFileTree(Map.of("flux/x.yaml", "a: 1\n", "flux/sub/y.yaml", "b: 2\n"));
    Closure ca = ClosureCollector.collect(a, "flux");
    assertNotEquals(CacheKeys.of("e", a, ca), CacheKeys.of("e", b, ClosureCollector.collect(b, "flux")));
  }

  @Test
  void incompleteOrRemoteClosuresAreNotCached() throws Exception {
    MapFileTree tree = new MapFileTree(Map.of("a/kustomization.yaml", "resources:\n- missing.yaml\n"));
    assertEquals(Optional.empty(), CacheKeys.of("e", tree, ClosureCollector.collect(tree, "a")));
    MapFileTree remote = new MapFileTree(Map.of("a/kustomization.yaml", "resources:\n- https://example.com/x.yaml\n"));
    assertEquals(Optional.empty(), CacheKeys.of("e", remote, ClosureCollector.collect(remote, "a")));
  }

  @Test
  void gitTreesAndOtherTreesGiveTheSameKey() throws Exception {
    String sha;
    try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
      sha = repo.write(FILES).commit("one");
    }
    try (GitMirrors mirrors = new GitMirrors(tmp.resolve("data"))) {
      FileTree git = mirrors.tree(tmp.resolve("r").toString(), sha);
      assertEquals(key(new MapFileTree(FILES)), key(git));
      assertEquals(CacheKeys.blobId("x: 1\n".getBytes(StandardCharsets.UTF_8)),
          CacheKeys.contentId(git, "apps/prod/unreferenced-sub/x.yaml").orElseThrow());
    }
    assertTrue(List.of(CacheKeys.blobId(new byte[0])).contains("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"),
        "git's id of the empty blob");
  }
}
