package dev.foresight.kustomize.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.foresight.kustomize.DirectoryFileTree;
import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.Kustomizer;
import dev.foresight.kustomize.MapFileTree;
import dev.foresight.kustomize.resource.ResourceList;
import dev.foresight.kustomize.yaml.ScalarNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sub-build memo: built once, invalidated by content, handing out independent copies. */
class BuildMemoTest {

  @TempDir Path tmp;

  /** A base (with its own transformers and generator) shared by {@code overlays} overlays. */
  private static Map<String, String> repo(int overlays, String replicas) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("base/kustomization.yaml", """
        resources:
        - deployment.yaml
        labels:
        - pairs:
            app: web
        configMapGenerator:
        - name: web-config
          literals:
          - MODE=base
        """);
    files.put("base/deployment.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: %s
          template:
            spec:
              containers:
              - name: web
                image: web:1
                envFrom:
                - configMapRef:
                    name: web-config
        """.formatted(replicas));
    for (int i = 0; i < overlays; i++) {
      files.put("overlays/o" + i + "/kustomization.yaml", """
          resources:
          - ../../base
          namespace: ns-%d
          namePrefix: p%d-
          images:
          - name: web
            newTag: "%d"
          """.formatted(i, i, i));
    }
    return files;
  }

  @Test
  void aSharedBaseIsBuiltOnceAcrossOverlaysWithTheSameOutputAsWithoutMemo() throws Exception {
    FileTree tree = new MapFileTree(repo(5, "1"));
    Kustomizer kustomizer = new Kustomizer(new BuildMemo());
    for (int i = 0; i < 5; i++) {
      assertEquals(Kustomizer.buildYaml(tree, "overlays/o" + i), kustomizer.yaml(tree, "overlays/o" + i));
    }
    BuildMemo.Stats stats = kustomizer.memo().stats();
    assertEquals(1, stats.builds(), "the base is built once: " + stats);
    assertEquals(4, stats.hits(), stats.toString());
    assertTrue(kustomizer.yaml(tree, "overlays/o3").contains("name: p3-web-config-"));
  }

  @Test
  void changingOneFileOfTheBaseInvalidates() throws Exception {
    Kustomizer kustomizer = new Kustomizer(new BuildMemo());
    String before = kustomizer.yaml(new MapFileTree(repo(1, "1")), "overlays/o0");
    FileTree changed = new MapFileTree(repo(1, "7")); // same paths, other content
    String after = kustomizer.yaml(changed, "overlays/o0");
    assertEquals(Kustomizer.buildYaml(changed, "overlays/o0"), after);
    assertNotEquals(before, after);
    assertTrue(after.contains("replicas: 7"));
    assertEquals(2, kustomizer.memo().stats().builds(), kustomizer.memo().stats().toString());
    // a new file beside the kustomization (two kustomization files: an error) is seen too
    Map<String, String> files = repo(1, "1");
    files.put("base/kustomization.yml", "resources: []\n");
    FileTree twoFiles = new MapFileTree(files);
    Exception direct = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
        () -> Kustomizer.buildYaml(twoFiles, "overlays/o0"));
    Exception memoised = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
        () -> kustomizer.yaml(twoFiles, "overlays/o0"));
    assertEquals(direct.getMessage(), memoised.getMessage());
  }

  /**
   * A cycle through a directory a memoised sub-build only reached through a memo hit: the hit's
   * own roots must count for cycle detection when the outer result is reused.
   */
  @Test
  void aCycleThroughARootReachedByANestedHitIsStillDetected() throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("d/kustomization.yaml", "resources:\n- cm.yaml\n");
    files.put("d/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\n");
    files.put("d/top/kustomization.yaml", "resources:\n- ../../b\n");
    files.put("c/kustomization.yaml", "resources:\n- ../d\n");
    files.put("b/kustomization.yaml", "resources:\n- ../c\n");
    files.put("p1/kustomization.yaml", "resources:\n- ../c\n");
    files.put("p2/kustomization.yaml", "resources:\n- ../b\n");
    FileTree tree = new MapFileTree(files);
    Kustomizer kustomizer = new Kustomizer(new BuildMemo());
    kustomizer.yaml(tree, "p1"); // memoises c (which entered d)
    kustomizer.yaml(tree, "p2"); // memoises b, whose c came from the memo
    Exception direct = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
        () -> Kustomizer.buildYaml(tree, "d/top"));
    assertTrue(direct.getMessage().contains("cycle detected"), direct.getMessage());
    Exception memoised = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
        () -> kustomizer.yaml(tree, "d/top"));
    assertEquals(direct.getMessage(), memoised.getMessage());
  }

  @Test
  void resultsAreIndependentCopies() throws Exception {
    FileTree tree = new MapFileTree(repo(1, "1"));
    Kustomizer kustomizer = new Kustomizer(new BuildMemo());
    String expected = kustomizer.yaml(tree, "overlays/o0");
    ResourceList first = kustomizer.resources(tree, "overlays/o0");
    first.all().forEach(r -> r.metadata().put("name", ScalarNode.string("mutated")));
    first.all().clear();
    assertEquals(expected, kustomizer.yaml(tree, "overlays/o0"));
    assertTrue(kustomizer.memo().stats().hits() >= 2, kustomizer.memo().stats().toString());
  }

  @Test
  void boundedAndSafeUnderConcurrentBuilds() throws Exception {
    // three contents of the same base across four threads, through a memo that holds two: it must
    // evict while builds run, and every build must still equal a build without memo
    List<FileTree> trees = List.of(new MapFileTree(repo(8, "1")), new MapFileTree(repo(8, "2")),
        new MapFileTree(repo(8, "3")));
    Kustomizer kustomizer = new Kustomizer(new BuildMemo(2));
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < 4; t++) {
      FileTree tree = trees.get(t % trees.size());
      Thread thread = new Thread(() -> {
        try {
          for (int i = 0; i < 8; i++) {
            assertEquals(Kustomizer.buildYaml(tree, "overlays/o" + i), kustomizer.yaml(tree, "overlays/o" + i));
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertEquals(List.of(), failures);
    BuildMemo.Stats stats = kustomizer.memo().stats();
    assertTrue(stats.entries() <= 2 && stats.evicted() > 0, "bounded, and the bound was exercised: " + stats);
  }

  /**
   * When one directory's versions push the memo over its bound, its oldest versions go, not the
   * version just stored (nor the whole directory).
   */
  @Test
  void versionsOfOneDirectoryOverTheBoundDropTheOldestOnly() throws Exception {
    Kustomizer kustomizer = new Kustomizer(new BuildMemo(2));
    for (String replicas : List.of("1", "2", "3")) {
      kustomizer.yaml(new MapFileTree(repo(1, replicas)), "overlays/o0");
      assertTrue(kustomizer.memo().stats().entries() <= 2, kustomizer.memo().stats().toString());
    }
    assertEquals(2, kustomizer.memo().stats().entries(), kustomizer.memo().stats().toString());
    long hits = kustomizer.memo().stats().hits();
    kustomizer.yaml(new MapFileTree(repo(1, "3")), "overlays/o0");
    kustomizer.yaml(new MapFileTree(repo(1, "2")), "overlays/o0");
    assertEquals(hits + 2, kustomizer.memo().stats().hits(), "the two newest versions are kept: "
        + kustomizer.memo().stats());
  }

  /**
   * A small generated GitOps repository at three commits, every overlay and profile, through one
   * memo across the commits: identical to the build without memo, and to kubectl when present.
   */
  @Test
  void generatedRepoAllOverlaysMemoVersusNoMemoVersusKubectl() throws Exception {
    String shared = System.getProperty("foresight.shared", "../../shared"); // else ../shared beside the project root
    Path generator = Path.of(shared, "fixtures/gitops-repo-gen.py");
    assumeTrue(Files.exists(generator), "no fixtures/gitops-repo-gen.py under " + shared + "; skipped");
    run(tmp, "python3", generator.toString(), tmp.resolve("fx").toString(), "--apps", "4", "--profiles", "3",
        "--commits", "6");
    Path repo = tmp.resolve("fx/infra");
    List<String> commits = List.of(run(repo, "git", "rev-list", "--first-parent", "master").trim().split("\n"));
    boolean kubectl = onPath("kubectl");
    Kustomizer kustomizer = new Kustomizer(new BuildMemo());
    int compared = 0;
    for (String commit : commits.subList(0, Math.min(3, commits.size()))) {
      Path dir = tmp.resolve("c-" + commit);
      Files.createDirectories(dir);
      run(dir, "sh", "-c", "git -C '" + repo + "' archive " + commit + " | tar -x");
      FileTree tree = new DirectoryFileTree(dir);
      for (String target : targets(dir)) {
        String plain = Kustomizer.buildYaml(tree, target);
        assertEquals(plain, kustomizer.yaml(tree, target), commit + " " + target + " with memo");
        if (kubectl) {
          assertEquals(run(dir, "kubectl", "kustomize", target), plain, commit + " " + target + " vs kubectl");
        }
        compared++;
      }
    }
    System.out.printf("memo vs no memo%s: %d builds identical; memo %s%n", kubectl ? " vs kubectl" : "", compared,
        kustomizer.memo().stats());
    assertTrue(compared > 10, "compared " + compared);
    assertTrue(kustomizer.memo().stats().hits() > kustomizer.memo().stats().builds(),
        kustomizer.memo().stats().toString());
  }

  private static List<String> targets(Path tree) throws IOException {
    List<String> out = new ArrayList<>();
    for (String parent : List.of("apps/overlays", "infrastructure/overlays", "profiles")) {
      if (!Files.isDirectory(tree.resolve(parent))) {
        continue;
      }
      try (Stream<Path> dirs = Files.list(tree.resolve(parent))) {
        dirs.filter(d -> Files.exists(d.resolve("kustomization.yaml"))).sorted()
            .forEach(d -> out.add(tree.relativize(d).toString()));
      }
    }
    return out;
  }

  private static boolean onPath(String tool) {
    try {
      return new ProcessBuilder(tool, "version", "--client").start().waitFor(30, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static String run(Path dir, String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed in " + dir);
    }
    return out;
  }
}
