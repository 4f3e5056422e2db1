package dev.foresight.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.app.Cli;
import dev.foresight.app.GitOpsRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors say what is wrong and how to fix it, never a bare path, on real repositories and files. */
class CliErrorsTest {

  @TempDir Path dir;

  Cli.Run diff(GitOpsRepo repo, String... more) {
    String[] base = {"diff", "--repo", repo.dir().toString(), "--engine", "native", "master", "master"};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return Cli.run(all);
  }

  @Test
  void pathsSayWhatIsWrongAndHowToFixIt() throws Exception {
    try (GitOpsRepo repo = GitOpsRepo.create(dir.resolve("repo"))) {
      Path data = dir.resolve("data");
      Path missingDir = dir.resolve("nodir");
      Cli.Run output = diff(repo, "--data-dir", data.toString(), "--output", missingDir.resolve("r.md").toString());
      assertEquals(2, output.exitCode(), output.printed());
      assertTrue(output.err().contains("--output " + missingDir.resolve("r.md") + ": directory " + missingDir
          + " does not exist; create it first (mkdir -p " + missingDir + ")"), output.err());

      Path file = Files.writeString(dir.resolve("a-file"), "x");
      Cli.Run dataDir = diff(repo, "--data-dir", file.toString());
      assertEquals(2, dataDir.exitCode(), dataDir.printed());
      assertTrue(dataDir.err().contains(file + " is a file where a directory is needed; give a directory"),
          dataDir.err());

      Cli.Run events = Cli.run("replay", "--repo", repo.dir().toString(), "--data-dir", data.toString(),
          "--events", dir.resolve("none.jsonl").toString());
      assertEquals(2, events.exitCode(), events.printed());
      assertTrue(events.err().contains(dir.resolve("none.jsonl") + " does not exist; check the path"), events.err());

      Cli.Run repoMissing = Cli.run("diff", "--repo", dir.resolve("nothere").toString(), "master", "master");
      assertEquals(2, repoMissing.exitCode(), repoMissing.printed());
      assertTrue(repoMissing.err().contains("--repo " + dir.resolve("nothere") + " does not exist; give the directory"
          + " of a git clone"), repoMissing.err());
      for (Cli.Run run : new Cli.Run[] {output, dataDir, events, repoMissing}) {
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
      }
    }
  }

  @Test
  void anExceptionWithoutMessageIsNamedAsABug() {
    assertTrue(CliErrors.describe(new NullPointerException()).startsWith("internal error java.lang.NullPointerException"
        + " (a bug: run again with FORESIGHT_VERBOSE=1"));
  }
}
