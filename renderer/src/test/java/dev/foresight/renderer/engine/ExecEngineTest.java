package dev.foresight.renderer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.MapFileTree;
import dev.foresight.kustomize.OverlayFileTree;
import dev.foresight.renderer.TestRepo;
import dev.foresight.renderer.flux.SourceArtifactTree;
import dev.foresight.renderer.flux.GeneratedKustomization;
import dev.foresight.renderer.git.GitMirrors;
import dev.foresight.renderer.flux.KustomizationOverlay;
import dev.foresight.renderer.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecEngineTest {

  @TempDir Path work;

  static final MapFileTree TREE = new MapFileTree(Map.of(
      "base/kustomization.yaml", "resources:\n- cm.yaml\n",
      "base/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: b\n",
      "broken/kustomization.yaml", "resources:\n- cm.yaml\n  bad: [\n",
      "missing/kustomization.yaml", "resources:\n- ../base\n- nothere.yaml\n",
      "plain/a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n",
      "plain/sub/b.yml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n",
      "plain/sub/notes.txt", "not yaml",
      "plain/kust/kustomization.yaml", "resources:\n- ../../base\nnamePrefix: k-\n"));

  @Test
  void buildsAndMaterialisesATreeOnce() throws Exception {
    Tools.assumeKubectl();
    try (ExecEngine engine = new ExecEngine(work, Duration.ofSeconds(60))) {
      String out = engine.build(TREE, "base");
      assertTrue(out.startsWith("apiVersion: v1\ndata:\n  a: b\nkind: ConfigMap\n"), out);
      assertEquals(out, engine.build(TREE, "./base/"));
      try (Stream<Path> dirs = Files.list(work)) {
        assertEquals(1, dirs.count(), "one materialised tree expected");
      }
    }
    try (Stream<Path> dirs = Files.list(work)) {
      assertEquals(0, dirs.count(), "close deletes the materialised trees");
    }
  }

  @Test
  void errorsNameTheFileWithoutTempPaths() throws Exception {
    Tools.assumeKubectl();
    try (ExecEngine engine = new ExecEngine(work, Duration.ofSeconds(60))) {
      RenderException broken = assertThrows(RenderException.class, () -> engine.build(TREE, "broken"));
      assertTrue(broken.getMessage().startsWith("broken/kustomization.yaml: invalid Kustomization: yaml: line 3"),
          broken.getMessage());
      RenderException missing = assertThrows(RenderException.class, () -> engine.build(TREE, "missing"));
      assertTrue(missing.getMessage().contains("missing/nothere.yaml"), missing.getMessage());
      assertFalse(missing.getMessage().contains(work.toString()), missing.getMessage());
      assertFalse(missing.getMessage().contains("run.go"), missing.getMessage());
      RenderException absent = assertThrows(RenderException.class, () -> engine.build(TREE, "nowhere"));
      assertEquals("directory 'nowhere' does not exist in in-memory tree", absent.getMessage());
    }
  }

  @Test
  void buildsAnOverlayOfGeneratedKustomizationAsHardLinksWithLoadRestrictionsNone() throws Exception {
    Tools.assumeKubectl();
    assertEquals("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- ./a.yaml\n- ./kust\n"
        + "- ./sub/b.yml\n", GeneratedKustomization.generate(TREE, "plain"));
    FileTree overlay = KustomizationOverlay.apply(TREE, "plain", Map.of());
    assertTrue(overlay instanceof OverlayFileTree, "a directory without kustomization gets Flux's");
    try (ExecEngine engine = new ExecEngine(work, Duration.ofSeconds(60))) {
      String out = engine.build(overlay, "plain");
      assertTrue(out.contains("name: a\n") && out.contains("name: b\n") && out.contains("name: k-cm\n"), out);
      assertEquals(out, engine.build(KustomizationOverlay.apply(TREE, "plain", Map.of()), "plain"));
      try (Stream<Path> dirs = Files.list(work)) {
        assertEquals(2, dirs.count(), "the base tree and one overlay tree (reused by content)");
      }
      Path base;
      try (Stream<Path> dirs = Files.list(work)) {
        base = dirs.filter(d -> d.getFileName().toString().startsWith("tree")).findFirst().orElseThrow();
      }
      assertFalse(Files.exists(base.resolve("plain/kustomization.yaml")), "the shared base is never written to");
      RenderException outside = assertThrows(RenderException.class, () -> engine.build(TREE, "plain"));
      assertTrue(outside.getMessage().contains("plain"), outside.getMessage());
      // LoadRestrictionsNone: a kustomization may read files outside its directory (inside the tree)
      MapFileTree loose = new MapFileTree(Map.of("a/kustomization.yaml", "resources:\n- ../shared/cm.yaml\n",
          "shared/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\n"));
      assertTrue(engine.build(loose, "a").contains("name: shared"));
    }
  }

  @Test
  void buildsAGitRepositorysArtifactWithoutItsExcludedFilesOnePerSpecIgnore() throws Exception {
    Tools.assumeKubectl();
    String sha;
    try (TestRepo repo = TestRepo.init(work.resolve("r"))) {
      sha = repo.write(Map.of("base/kustomization.yaml", "resources:\n- cm.yaml\n",
          "base/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n",
          "plain/a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n",
          "plain/b.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n")).commit("c");
    }
    Path trees = work.resolve("trees");
    try (GitMirrors mirrors = new GitMirrors(work.resolve("data"));
        ExecEngine engine = new ExecEngine(trees, Duration.ofSeconds(60))) {
      FileTree git = mirrors.tree(work.resolve("r").toString(), sha);
      SourceArtifactTree artifact = SourceArtifactTree.of(git, "b.yaml\n", "spec.ignore");
      // the generated kustomization lists a.yaml only; kustomize must not find b.yaml on disk either
      assertEquals("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n",
          engine.build(KustomizationOverlay.apply(artifact, "plain", Map.of()), "plain"));
      assertFalse(Files.exists(materialised(trees).resolve("plain/b.yaml")), "excluded files are not written");
      engine.build(SourceArtifactTree.of(git, "b.yaml\n", "spec.ignore"), "base");
      assertEquals(1, count(trees, "tree"), "the same repository tree and spec.ignore: materialised once");
      RenderException excluded = assertThrows(RenderException.class,
          () -> engine.build(SourceArtifactTree.of(git, "cm.yaml\n", "spec.ignore"), "base"));
      assertTrue(excluded.getMessage().contains("base/cm.yaml"), excluded.getMessage());
      assertEquals(2, count(trees, "tree"), "another spec.ignore: another artifact");
    }
  }

  private static Path materialised(Path dir) throws Exception {
    try (Stream<Path> dirs = Files.list(dir)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith("tree")).findFirst().orElseThrow();
    }
  }

  private static long count(Path dir, String prefix) throws Exception {
    try (Stream<Path> dirs = Files.list(dir)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith(prefix)).count();
    }
  }

  @Test
  void saysHowToInstallWhenNoToolIsOnPath() {
    ExecEngine engine = new ExecEngine(work, Duration.ofSeconds(5), work.toString());
    assertFalse(engine.available());
    assertEquals("exec:none", engine.name());
    RenderException e = assertThrows(RenderException.class, () -> engine.build(TREE, "base"));
    assertEquals("neither kustomize nor kubectl found on PATH; install kubectl (kustomize v5.5.0 is embedded) or kustomize",
        e.getMessage());
  }

  /**
   * kustomize on PATH wins over kubectl. The kustomize here is a shim that records its arguments and
   * hands them to kubectl's embedded kustomize, so the build is real and the call is visible.
   */
  @Test
  void prefersKustomizeBuildWhenKustomizeIsOnPath() throws Exception {
    Tools.assumeKubectl();
    Path bin = Files.createDirectories(work.resolve("bin"));
    Path calls = work.resolve("calls.txt");
    Path shim = bin.resolve("kustomize");
    Files.writeString(shim, "#!/bin/sh\n"
        + "echo \"$*\" >> '" + calls + "'\n"
        + "if [ \"$1\" = version ]; then echo v5.5.0-shim; exit 0; fi\n"
        + "[ \"$1\" = build ] || { echo \"unexpected: $1\" >&2; exit 2; }\n"
        + "shift\n"
        + "exec kubectl kustomize \"$@\"\n");
    assertTrue(shim.toFile().setExecutable(true));
    Path trees = Files.createDirectories(work.resolve("trees"));
    try (ExecEngine engine = new ExecEngine(trees, Duration.ofSeconds(60), bin + ":" + System.getenv("PATH"))) {
      assertEquals("exec:kustomize", engine.name());
      String out = engine.build(TREE, "base");
      assertTrue(out.startsWith("apiVersion: v1\ndata:\n  a: b\nkind: ConfigMap\n"), out);
      assertEquals("exec:kustomize v5.5.0-shim", engine.version());
    }
    String recorded = Files.readString(calls);
    assertTrue(recorded.startsWith("build --load-restrictor LoadRestrictionsNone ")
        || recorded.startsWith("build "), recorded);
    assertTrue(recorded.contains("LoadRestrictionsNone"), "Flux's load restrictor is passed: " + recorded);
  }

  @Test
  void stripsKubectlLogPrefix() {
    assertEquals("invalid Kustomization: a \"b\"", ExecEngine.toolMessage(
        "E1125 08:31:41.984571   14083 run.go:72] \"command failed\" err=\"invalid Kustomization: a \\\"b\\\"\"\n"));
    assertEquals("accumulating resources: x", ExecEngine.toolMessage("Error: accumulating resources: x\n"));
  }

  @Test
  void timesOut() throws Exception {
    Tools.assumeKubectl();
    try (ExecEngine engine = new ExecEngine(work, Duration.ofMillis(1))) {
      RenderException e = assertThrows(RenderException.class, () -> engine.build(TREE, "base"));
      assertTrue(e.getMessage().contains("timed out after"), e.getMessage());
    }
  }
}
