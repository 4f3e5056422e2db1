package dev.foresight.kustomize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native engine against {@code kubectl kustomize} on every overlay and profile of a generated
 * GitOps repository at each of 20 commits: byte for byte, or an explicit UnsupportedFeature
 * (never a different output). Skipped, saying so, without kubectl or ../shared.
 */
class DifferentialIT {

  @TempDir Path tmp;

  @Test
  void everyOverlayAtTwentyCommitsMatchesKubectl() throws Exception {
    assumeTrue(onPath("kubectl"), "kubectl is not on PATH: the differential test needs it as the oracle; skipped");
    // the parent pom sets foresight.shared; else ../shared beside the project root (module dir/../..)
    String shared = System.getProperty("foresight.shared", Path.of("..", "..", "shared").toString());
    Path generator = Path.of(shared, "fixtures/gitops-repo-gen.py");
    assumeTrue(Files.exists(generator), "no fixtures/gitops-repo-gen.py under " + shared + "; skipped");
    run(tmp, "python3", generator.toString(), tmp.resolve("fx").toString(), "--commits", "20");
    Path repo = tmp.resolve("fx/infra");
    List<String> commits = List.of(run(repo, "git", "rev-list", "--first-parent", "master").trim().split("\n"));
    int compared = 0;
    int unsupported = 0;
    List<String> wrong = new ArrayList<>();
    for (String commit : commits.subList(0, Math.min(20, commits.size()))) {
      Path tree = tmp.resolve("c-" + commit);
      Files.createDirectories(tree);
      run(tree, "sh", "-c", "git -C '" + repo + "' archive " + commit + " | tar -x");
      for (String dir : targets(tree)) {
        String expected = run(tree, "kubectl", "kustomize", dir);
        try {
          String actual = Kustomizer.buildYaml(new DirectoryFileTree(tree), dir);
          compared++;
          if (!expected.equals(actual)) {
            wrong.add(commit.substring(0, 7) + " " + dir);
          }
        } catch (UnsupportedFeature e) {
          unsupported++;
        }
      }
    }
    System.out.printf("differential: %d builds identical to kubectl of %d compared, %d unsupported (fell back)%n",
        compared - wrong.size(), compared, unsupported);
    assertEquals(List.of(), wrong, "native output differs from kubectl kustomize");
    assertTrue(compared > 100, "compared " + compared);
  }

  private static List<String> targets(Path tree) throws IOException {
    List<String> out = new ArrayList<>();
    for (String parent : List.of("apps/overlays", "infrastructure/overlays", "profiles")) {
      try (Stream<Path> dirs = Files.list(tree.resolve(parent))) {
        dirs.filter(Files::isDirectory).sorted().forEach(d -> out.add(tree.relativize(d).toString()));
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

  private static String run(Path dir, String... command) throws Exception {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + err);
    }
    return out;
  }
}
