package dev.foresight.app.command;

import dev.foresight.app.Cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code foresight demo} end to end: embedded Kafka, all stages, the sample's five changes. */
class DemoCommandIT {

  private static final List<String> WEB_1_4_1_TO_1_4_2 = List.of(
      "DS-4910: release 1.4.2 (#33)",
      "DS-4907: raise the checkout timeout to 10 s for large carts (#32)",
      "DS-4903: retry the checkout call once when it times out (#31)");

  @TempDir Path dir;

  @Test
  void printsEachReportWithItsHtmlViewAndThePromotionListsTheWebCommits() throws Exception {
    // --verbose: the demo would otherwise turn the dev.foresight loggers down for the whole JVM
    Cli.Run run = Cli.run("demo", "--data-dir", dir.toString(), "--timeout", "180", "--verbose");
    String out = run.out();
    assertEquals(0, run.exitCode(), run.printed());
    assertTrue(out.contains("component repository web: " + dir.resolve("components/web")), out);

    List<String> lines = out.lines().toList();
    List<Path> html = new ArrayList<>();
    Path promotion = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.startsWith("in a browser: ")) {
        Path page = Path.of(line.substring("in a browser: ".length()));
        html.add(page);
        assertTrue(lines.get(i - 1).strip().startsWith("report: "), "the HTML line follows its report line: " + out);
        if (lines.get(i - 2).contains(" promotion refs/heads/staging ")) {
          promotion = page;
        }
      }
    }
    assertEquals(5, html.size(), "one HTML path per report: " + out);
    for (Path page : html) {
      assertTrue(Files.isRegularFile(page) && page.toString().endsWith(".html"), page.toString());
    }
    assertTrue(promotion != null, "the promotion's report is printed: " + out);

    // printed in the order of the webhooks: the pushes chain base..head, then the promotion
    // (the demo's own lines start with the repository; with --verbose the log has summary lines too)
    List<String> summaries = lines.stream().filter(l -> l.startsWith(dir.resolve("sample-repo").toString())
        && l.matches(".* (push|promotion) refs/heads/\\S+ \\w+\\.\\.\\w+: .*")).toList();
    assertEquals(5, summaries.size(), out);
    for (int i = 1; i < 4; i++) {
      String previousHead = summaries.get(i - 1).replaceAll(".*\\.\\.(\\w+): .*", "$1");
      String base = summaries.get(i).replaceAll(".* (\\w+)\\.\\.\\w+: .*", "$1");
      assertEquals(previousHead, base, "pushes in order: " + summaries);
    }
    assertTrue(summaries.get(4).contains(" promotion refs/heads/staging "), "the promotion last: " + summaries);

    String page = Files.readString(promotion);
    String markdown = Files.readString(Path.of(promotion.toString().replaceAll("\\.html$", ".md")));
    for (String subject : WEB_1_4_1_TO_1_4_2) {
      assertTrue(page.contains(subject), subject + " in " + promotion);
      assertTrue(markdown.contains(subject), subject + " in the markdown:\n" + markdown);
    }
    assertFalse(markdown.contains("DS-4931"), "the commit after 1.4.2 is not shipped:\n" + markdown);
    assertFalse(markdown.contains("DS-4877"), "nor 1.4.1's own commit:\n" + markdown);
    assertFalse(markdown.contains("no component repository configured"), markdown);
    assertTrue(markdown.contains("[DS-4907](https://jira.example.com/browse/DS-4907)"), markdown);
  }
}
