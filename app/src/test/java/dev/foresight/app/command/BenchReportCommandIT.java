package dev.foresight.app.command;

import dev.foresight.app.Cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.app.GeneratedRepos;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code foresight bench report} on a small generated repository: sizes, parts, timing, no leaked Secret. */
class BenchReportCommandIT {

  @TempDir Path dir;

  @Test
  void printsSizesPartsTimeAndNoLeakedSecrets() throws Exception {
    GeneratedRepos.generate(dir.resolve("fixture"), "BenchReportCommandIT", "--apps", "4", "--profiles", "3",
        "--commits", "20");

    Cli.Run run = Cli.run("bench", "report", "--repo", dir.resolve("fixture/infra").toString(), "--runs", "2",
        "--work-dir", dir.resolve("data").toString(), "staging..master", "master~5..master");
    String printed = run.out();
    assertEquals(0, run.exitCode(), run.printed());
    for (String view : new String[] {"text", "markdown", "json", "html", "slack"}) {
      assertTrue(printed.contains("  " + view + " "), view + " size printed: " + printed);
    }
    assertTrue(printed.contains("staging..master") && printed.contains("master~5..master"), printed);
    assertTrue(printed.matches("(?s).*\\d+ parts?, largest .*"), printed);
    assertTrue(printed.contains("all views built in"), printed);
    assertTrue(printed.matches("(?s).*secret values in the repository at head: [1-9]\\d*, found in clear in a view: 0.*"),
        "the generator writes Secrets; none may appear in a view: " + printed);
  }
}
