package dev.foresight.app.command;

import dev.foresight.app.Tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.foresight.renderer.RenderCounters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code foresight bench diff} reads of the baseline's output and prints of its own counters. */
class BenchDiffCommandTest {

  @TempDir Path tmp;

  @Test
  void baselinePairsAreProfileSlashNameFromTheDiffFileNames() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("out"));
    for (String name : new String[] {"production-eu--apps.yaml.diff", "staging--infra-controllers.yaml.diff",
        "dev--my--app.yaml.diff", "notes.txt", "dev--apps.yaml", "--nameless.yaml.diff", "dev--.yaml.diff"}) {
      Files.writeString(out.resolve(name), "");
    }
    assertEquals(Set.of("production-eu/apps", "staging/infra-controllers", "dev/my--app"),
        BenchDiffCommand.baselinePairs(out));
  }

  static String fluxKs(String name, String path) {
    return "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: " + name
        + "\n  namespace: flux-system\nspec:\n  interval: 10m\n  path: " + path + "\n  prune: true\n"
        + "  sourceRef:\n    kind: GitRepository\n    name: flux-system\n";
  }

  static String configMap(String name, String value) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  v: \"" + value + "\"\n";
  }

  /** The layout baselinePairs reads is the one the real script writes. */
  @Test
  void baselinePairsOfTheRealBaselineScript() throws Exception {
    Path script = Path.of(System.getProperty("foresight.shared", "../../shared"), "bench", "baseline-diff.sh");
    assumeTrue(Files.isRegularFile(script), "no " + script.toAbsolutePath() + ": skipped (-Dforesight.shared=DIR)");
    assumeTrue(Tools.kubectl() && Tools.runs("git", "--version"), "git or kubectl not on PATH: the baseline script needs both; skipped");
    Path repo = tmp.resolve("repo");
    String base;
    String head;
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("master").call()) {
      write(repo, "profiles/eu/kustomization.yaml", "resources:\n- apps.yaml\n- infra--core.yaml\n- other.yaml\n");
      write(repo, "profiles/eu/apps.yaml", fluxKs("apps", "./apps"));
      write(repo, "profiles/eu/infra--core.yaml", fluxKs("infra--core", "./infra"));
      write(repo, "profiles/eu/other.yaml", fluxKs("other", "./other"));
      write(repo, "profiles/us/kustomization.yaml", "resources:\n- other.yaml\n");
      write(repo, "profiles/us/other.yaml", fluxKs("other", "./other"));
      for (String d : new String[] {"apps", "infra", "other"}) {
        write(repo, d + "/kustomization.yaml", "resources:\n- cm.yaml\n");
        write(repo, d + "/cm.yaml", configMap(d, "1"));
      }
      base = commit(git, "one");
      write(repo, "apps/cm.yaml", configMap("apps", "2"));
      write(repo, "infra/cm.yaml", configMap("infra", "2"));
      head = commit(git, "two");
    }
    Path out = tmp.resolve("baseline-out");
    Process run = new ProcessBuilder("bash", script.toString(), repo.toString(), base, head, out.toString())
        .redirectErrorStream(true).start();
    String said = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, run.waitFor(), said);
    assertEquals(Set.of("eu/apps", "eu/infra--core"), BenchDiffCommand.baselinePairs(out), said);
  }

  @Test
  void figuresAreTheCountedOnes() {
    assertEquals("Flux Kustomizations rendered (planned RENDER) 3 of 10; engine builds 7; cache hits 6 of 8 "
        + "lookups (75.0 %)", BenchDiffCommand.figures(3, 10, new RenderCounters(17, 12, 7)
            .minus(new RenderCounters(10, 4, 1))));
    assertEquals("Flux Kustomizations rendered (planned RENDER) 0 of 4; engine builds 0; cache hits 0 of 0 "
        + "lookups (0.0 %)", BenchDiffCommand.figures(0, 4, RenderCounters.ZERO));
  }

  private static void write(Path repo, String path, String text) throws Exception {
    Path file = repo.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static String commit(Git git, String message) throws Exception {
    git.add().addFilepattern(".").call();
    PersonIdent who = new PersonIdent("Test", "test@example.com");
    return git.commit().setMessage(message).setAuthor(who).setCommitter(who).call().getName();
  }
}
