package dev.foresight.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.app.Cli;
import dev.foresight.app.GitOpsRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code foresight diff} exit codes a CI job gates on: 0 same, 1 differs (--exit-code), 2 any error. */
class DiffExitCodeTest {

  @TempDir Path dir;
  GitOpsRepo repo;

  @BeforeEach
  void repo() throws Exception {
    repo = GitOpsRepo.create(dir.resolve("repo"));
  }

  @AfterEach
  void close() {
    repo.close();
  }

  Cli.Run diff(String... more) {
    String[] base = {"diff", "--data-dir", dir.resolve("data").toString(), "--repo", repo.dir().toString(),
        "--engine", "native"};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return Cli.run(all);
  }

  @Test
  void sameIsZeroDifferentIsOneOnlyWithExitCode() throws Exception {
    repo.configMap("w").commit("two");
    assertEquals(0, diff("master", "master", "--exit-code").exitCode());
    assertEquals(0, diff("master~1", "master").exitCode(), "without --exit-code a difference exits 0");
    Cli.Run run = diff("master~1", "master", "--exit-code");
    assertEquals(1, run.exitCode(), run.printed());
  }

  @Test
  void aPairThatFailedToRenderIsTwoWithOrWithoutExitCode() throws Exception {
    repo.write("apps/kustomization.yaml", "resources: [cm.yaml, missing.yaml]\n").commit("broken");
    for (String[] args : new String[][] {{"master~1", "master"}, {"master~1", "master", "--exit-code"}}) {
      Cli.Run run = diff(args);
      assertEquals(2, run.exitCode(), run.printed());
      assertTrue(run.err().contains("1 pair failed to render: prod/apps"), run.err());
      assertTrue(run.out().contains("missing.yaml"), "the report is still printed: " + run.out());
    }
  }

  @Test
  void anErrorWinsOverADifference() throws Exception {
    repo.configMap("w").write("clusters/prod/broken.yaml", """
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: broken, namespace: flux-system}
        spec:
          path: ./nowhere
          sourceRef: {kind: GitRepository, name: flux-system}
        """).commit("one changes, one breaks");
    Cli.Run run = diff("master~1", "master", "--exit-code");
    assertEquals(2, run.exitCode(), run.printed());
    assertTrue(run.out().contains("~ v1 ConfigMap default/a"), run.out());
  }

  @Test
  void aProfileThatMatchesNoneIsTwoNamingTheProfilesThatExist() throws Exception {
    repo.write("clusters/staging/apps.yaml", java.nio.file.Files.readString(repo.dir().resolve("clusters/prod/apps.yaml")))
        .configMap("w").commit("staging");
    Cli.Run run = diff("master~1", "master", "--exit-code", "--profile", "prd");
    assertEquals(2, run.exitCode(), run.printed());
    assertTrue(run.err().contains("--profile prd matches no profile; the profiles are prod, staging"), run.err());
    assertEquals("", run.out(), "nothing rendered, no report");
    Cli.Run one = diff("master~1", "master", "--exit-code", "--profile", "prod", "--profile", "nope");
    assertEquals(2, one.exitCode(), "one known name does not excuse the other: " + one.printed());
    assertEquals(1, diff("master~1", "master", "--exit-code", "--profile", "prod").exitCode());
  }

  @Test
  void helpListsTheExitCodes() {
    Cli.Run run = Cli.run("help", "diff");
    assertEquals(0, run.exitCode(), run.printed());
    assertTrue(run.out().contains("Exit codes:"), run.out());
    assertTrue(run.out().contains("2   an error, with or without --exit-code"), run.out());
  }
}
