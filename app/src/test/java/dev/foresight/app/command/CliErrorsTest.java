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
      assertTrue(events.err().contains("--events " + dir.resolve("none.jsonl") + " does not exist; give the path of"),
          events.err());

      Cli.Run repoMissing = Cli.run("diff", "--repo", dir.resolve("nothere").toString(), "master", "master");
      assertEquals(2, repoMissing.exitCode(), repoMissing.printed());
      assertTrue(repoMissing.err().contains("--repo " + dir.resolve("nothere") + " does not exist; give the directory"
          + " of a git clone"), repoMissing.err());
      for (Cli.Run run : new Cli.Run[] {output, dataDir, events, repoMissing}) {
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
      }
    }
  }

  /**
   * Every command that takes a path checks it before any work (no clone, no render, no baseline):
   * exit 2 and what is wrong, also for a file where a directory is needed on the way and for
   * events that are a directory, no JSON or empty.
   */
  @Test
  void everyCommandChecksItsPathsBeforeWork() throws Exception {
    try (GitOpsRepo repo = GitOpsRepo.create(dir.resolve("repo"))) {
      Path file = Files.writeString(dir.resolve("a-file"), "x");
      Path data = dir.resolve("data");
      String r = repo.dir().toString();
      Path events = Files.writeString(dir.resolve("pushes.jsonl"), "\n{\"kind\": \"push\",\n");
      String[][] cases = {
          {"--output " + file.resolve("r.md") + ": " + file + " is a file, not a directory; give a path in a directory",
              "diff", "--repo", r, "--data-dir", data.toString(), "--output", file.resolve("r.md").toString(),
              "master", "master"},
          {"--data-dir " + file.resolve("sub") + " cannot be created: " + file + " is a file, not a directory",
              "diff", "--repo", r, "--data-dir", file.resolve("sub").toString(), "master", "master"},
          {"foresight replay: --events " + dir + " is a directory; give the path of a JSON-lines file",
              "replay", "--repo", r, "--data-dir", data.toString(), "--events", dir.toString()},
          {"foresight replay: --data-dir " + file + " is a file where a directory is needed",
              "replay", "--repo", r, "--data-dir", file.toString(), "--events", events.toString()},
          {"foresight replay: --repo " + dir.resolve("nothere") + " does not exist",
              "replay", "--repo", dir.resolve("nothere").toString(), "--data-dir", data.toString(), "--events",
              events.toString()},
          {"foresight replay: " + events + ":2: not valid JSON",
              "replay", "--repo", r, "--data-dir", data.toString(), "--events", events.toString()},
          {"foresight replay: " + dir.toAbsolutePath().normalize() + " is not a git repository nor inside one",
              "replay", "--repo", dir.toString(), "--data-dir", data.toString(), "--events", events.toString()},
          {"foresight bench diff: --repo " + dir.resolve("nothere") + " does not exist",
              "bench", "diff", "--repo", dir.resolve("nothere").toString(), "master", "master"},
          {"foresight bench diff: --work-dir " + file + " is a file where a directory is needed",
              "bench", "diff", "--repo", r, "--work-dir", file.toString(), "master", "master"},
          {"foresight bench report: --work-dir " + file.resolve("w") + " cannot be created",
              "bench", "report", "--repo", r, "--work-dir", file.resolve("w").toString(), "master..master"},
          {"foresight demo: --data-dir " + file + " is a file where a directory is needed",
              "demo", "--data-dir", file.toString()},
      };
      for (String[] c : cases) {
        String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
        Cli.Run run = Cli.run(args);
        assertEquals(2, run.exitCode(), String.join(" ", args) + ": " + run.printed());
        assertTrue(run.err().contains(c[0]), String.join(" ", args) + ": " + run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
      }
      assertFalse(Files.exists(data.resolve("mirrors")), "nothing cloned before the paths were checked");
      Path empty = Files.writeString(dir.resolve("empty.jsonl"), "\n");
      Cli.Run none = Cli.run("replay", "--repo", r, "--data-dir", data.toString(), "--events", empty.toString());
      assertEquals(0, none.exitCode(), none.printed());
      assertTrue(none.err().contains("--events " + empty + " has no events (only blank lines); nothing to replay"),
          none.err());
    }
  }

  @Test
  void anExceptionWithoutMessageIsNamedAsABug() {
    assertTrue(CliErrors.describe(new NullPointerException()).startsWith("internal error java.lang.NullPointerException"
        + " (a bug: run again with FORESIGHT_VERBOSE=1"));
  }
}
