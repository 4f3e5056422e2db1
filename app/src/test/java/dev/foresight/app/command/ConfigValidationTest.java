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

/** Head's foresight.yaml is checked on every {@code foresight diff}: exit 2 with the line and the fix. */
class ConfigValidationTest {

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

  Cli.Run diff(String base, String head) {
    return Cli.run("diff", "--data-dir", dir.resolve("data").toString(), "--repo", repo.dir().toString(),
        "--engine", "native", base, head);
  }

  @Test
  void aMisspeltTopLevelKeyIsTwoWithItsLineAndTheKeyMeant() throws Exception {
    repo.write("foresight.yaml", "# profiles of this repository\nprofile:\n  - {name: prod, path: clusters/prod}\n")
        .configMap("w").commit("typo");
    Cli.Run run = diff("master~1", "master");
    assertEquals(2, run.exitCode(), run.printed());
    assertTrue(run.err().contains("foresight.yaml:2: profile is not a top-level key of foresight.yaml; did you mean "
        + "'profiles'?"), run.err());
    assertEquals("", run.out(), "nothing rendered: " + run.out());
  }

  @Test
  void aMalformedRuleIsTwoEvenWhenNothingIsRendered() throws Exception {
    repo.write("foresight.yaml", "report:\n  ignore:\n    - {kind: \"*\", paths: metadata.labels}\n")
        .commit("bad rule");
    // master..master: no pair is rendered, so no pair could carry the error
    for (int i = 0; i < 2; i++) {
      Cli.Run run = diff("master", "master");
      assertEquals(2, run.exitCode(), "run " + i + ": " + run.printed());
      assertTrue(run.err().contains("foresight.yaml:3: report.ignore[0].paths is not a rule key; use kind, name, "
          + "namespace and path; did you mean 'path'?"), run.err());
    }
  }

  @Test
  void wrongTypesInEverySectionAreTwo() throws Exception {
    String[][] cases = {
        {"changelog:\n  maxCommits: many\n", "foresight.yaml:2: changelog.maxCommits must be a positive whole number"},
        {"flux:\n  strictPostBuildSubstitutions: yes\n", "foresight.yaml:2: flux.strictPostBuildSubstitutions must be"
            + " true or false"},
        {"report:\n  masks: []\n", "foresight.yaml:2: report.masks is not a report setting (mask, ignore); did you "
            + "mean 'mask'?"},
        {"profiles: clusters/prod\n", "foresight.yaml:1: profiles must be a list"},
    };
    for (String[] c : cases) {
      repo.write("foresight.yaml", c[0]).commit(c[0]);
      Cli.Run run = diff("master~1", "master");
      assertEquals(2, run.exitCode(), c[0] + run.printed());
      assertTrue(run.err().contains(c[1]), c[0] + " -> " + run.err());
    }
  }

  @Test
  void aValidFileAndNoFileAreFine() throws Exception {
    repo.write("foresight.yaml", "profiles:\n  - {name: prod, path: clusters/prod}\nreport:\n  ignore:\n"
        + "    - {kind: ConfigMap, path: \"data[k]\"}\nchangelog:\n  maxCommits: 5\n").commit("valid");
    Cli.Run run = diff("master~1", "master");
    assertEquals(0, run.exitCode(), run.printed());
  }
}
