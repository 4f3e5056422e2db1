package dev.foresight.publisher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.schema.KustomizationReport;
import dev.foresight.schema.ObjectDiff;
import dev.foresight.schema.ProfileReport;
import dev.foresight.schema.Report;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Large reports: every part within the limit, well-formed, numbered; nothing lost. */
class MarkdownPartsTest {

  static final String URL = "https://foresight.example.com/archive/x/feedfacefeedface.html";
  static final Pattern SUMMARY = Pattern.compile("^<details><summary><code>([^<]+)</code>");
  static final Pattern HEADER = Pattern.compile("^`[+\\-~>] (.+?)`( — .*)?$");
  static final Pattern NOT_SHOWN = Pattern.compile("\\*\\*Not shown:\\*\\* (\\d+) more objects? in (\\d+) Flux");

  @Test
  void dedupedRepositoryWideChangeFitsInPartsWithNothingLost() {
    Report report = SyntheticReports.large(true);
    List<String> parts = MarkdownView.parts(report, new MarkdownView.Options(MarkdownView.GITHUB_LIMIT, 1_000, URL));
    Shown shown = check(report, parts, MarkdownView.GITHUB_LIMIT);
    assertEquals(expected(report), shown.objects, "every object appears in some part");
    assertEquals(0, shown.omitted);
    String all = String.join("", parts);
    assertTrue(all.contains("more lines — full diff in the archive: " + URL), "the 6,000-line diff is cut with a note");
    assertTrue(all.contains("+  key-0: value number 0"), "the cut diff keeps its beginning");
    assertFalse(all.contains("key-5999:"), "and drops its end");
    assertTrue(all.indexOf("#### Changelog") < all.indexOf("<details>"), "promotion: changelog before the diffs");
    assertTrue(all.contains(" (continued)</summary>") || parts.size() == 1, "a split section is reopened");
  }

  @Test
  void withoutDedupeEverythingStillFitsWhenPartsAreUnlimited() {
    Report report = SyntheticReports.large(false);
    List<String> parts = MarkdownView.parts(report, new MarkdownView.Options(MarkdownView.GITHUB_LIMIT, 10_000, null));
    Shown shown = check(report, parts, MarkdownView.GITHUB_LIMIT);
    assertEquals(expected(report), shown.objects);
    assertTrue(String.join("", parts).contains("more lines — full diff in the archive\n"), "no link: the note says so");
  }

  @Test
  void atMostMaxPartsAndTheRestIsCountedInANote() {
    Report report = SyntheticReports.large(false);
    List<String> parts = MarkdownView.parts(report, MarkdownView.Options.defaults().withReportUrl(URL));
    assertEquals(MarkdownView.DEFAULT_MAX_PARTS, parts.size());
    Shown shown = check(report, parts, MarkdownView.GITHUB_LIMIT);
    assertTrue(shown.omitted > 0);
    assertEquals(SyntheticReports.objects(), shown.objects.size() + shown.omitted, "shown + counted = all");
    assertTrue(parts.get(parts.size() - 1).contains("full report in the archive: " + URL));
  }

  @Test
  void smallLimitsSplitTheFixturesWellFormed() {
    for (Report report : List.of(Reports.promotion(), Reports.mixed(), Reports.escaping())) {
      for (int limit : new int[] {2_000, 2_500, 3_000}) {
        List<String> parts = MarkdownView.parts(report, new MarkdownView.Options(limit, 100, URL));
        Shown shown = check(report, parts, limit);
        assertEquals(expected(report), shown.objects, "limit " + limit);
      }
    }
    assertTrue(MarkdownView.parts(Reports.promotion(), new MarkdownView.Options(2_000, 100, URL)).size() > 1);
  }

  @Test
  void slackPayloadStaysWithinLimits() throws IOException {
    for (Report report : List.of(SyntheticReports.large(true), SyntheticReports.large(false), Reports.promotion())) {
      JsonNode payload = new ObjectMapper().readTree(SlackView.render(report, URL));
      JsonNode blocks = payload.get("blocks");
      assertTrue(blocks.size() <= SlackView.MAX_BLOCKS, "blocks: " + blocks.size());
      assertTrue(payload.get("text").asText().length() <= SlackView.MAX_SECTION);
      for (JsonNode block : blocks) {
        String type = block.get("type").asText();
        if (type.equals("header")) {
          assertTrue(block.get("text").get("text").asText().length() <= SlackView.MAX_HEADER);
        } else if (type.equals("section")) {
          assertTrue(block.get("text").get("text").asText().length() <= SlackView.MAX_SECTION,
              block.get("text").get("text").asText().length() + " chars");
        }
      }
    }
    String large = SlackView.render(SyntheticReports.large(false), URL);
    assertTrue(large.contains("…and "), "long lists end with …and N more");
    assertTrue(large.contains("|Full report with every diff>"), large);
  }

  record Shown(Set<String> objects, int omitted) {}

  static Set<String> expected(Report report) {
    Set<String> all = new HashSet<>();
    for (ProfileReport profile : report.getProfiles()) {
      for (KustomizationReport ks : profile.getKustomizations()) {
        for (ObjectDiff object : ks.getObjects()) {
          assertTrue(all.add(profile.getName() + "/" + ks.getName() + " " + Labels.object(object)));
        }
      }
    }
    return all;
  }

  /** Limits, markers, balanced fences and details; the objects shown (pair + object) and those counted. */
  static Shown check(Report report, List<String> parts, int limit) {
    Set<String> objects = new HashSet<>();
    int omitted = 0;
    for (int n = 1; n <= parts.size(); n++) {
      String part = parts.get(n - 1);
      assertTrue(part.length() <= limit, "part " + n + " has " + part.length() + " chars");
      assertTrue(part.startsWith(MarkdownView.marker(report, n, parts.size()) + "\n"), "marker of part " + n);
      assertTrue(MarkdownView.marker(report, n, parts.size()).startsWith("<!-- foresight:part " + n + "/" + parts.size() + " "));
      String fence = null;
      String pair = null;
      int depth = 0;
      for (String line : part.split("\n", -1)) {
        if (fence != null) {
          if (line.equals(fence)) {
            fence = null;
          }
          continue;
        }
        Matcher open = Pattern.compile("^(`{3,})[a-z]*$").matcher(line);
        if (open.matches()) {
          fence = open.group(1);
          continue;
        }
        if (line.startsWith("<details>")) {
          depth++;
          Matcher s = SUMMARY.matcher(line);
          pair = s.find() ? s.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
              .replace("&amp;", "&") : null;
        }
        if (line.startsWith("</details>")) {
          depth--;
          pair = null;
        }
        if (depth < 0 || depth > 1) {
          fail("details nesting " + depth + " in part " + n);
        }
        Matcher h = HEADER.matcher(line);
        if (h.matches() && pair != null) {
          assertTrue(objects.add(pair + " " + h.group(1)), "shown twice: " + pair + " " + h.group(1));
        }
        Matcher note = NOT_SHOWN.matcher(line);
        if (note.find()) {
          omitted += Integer.parseInt(note.group(1));
        }
      }
      assertEquals(null, fence, "part " + n + " closes its code block");
      assertEquals(0, depth, "part " + n + " closes its <details>");
    }
    return new Shown(objects, omitted);
  }
}
