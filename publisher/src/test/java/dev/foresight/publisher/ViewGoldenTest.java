package dev.foresight.publisher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.schema.ObjectDiff;
import dev.foresight.schema.Report;
import dev.foresight.testing.Golden;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code src/test/resources/golden/<case>/expected.{md,json,txt,html,slack.json}}. */
class ViewGoldenTest {

  static final String REPORT_URL = "https://foresight.example.com/archive/github.com-acme-infra/0123456789abcdef.html";

  static Report fixture(String name) {
    return switch (name) {
      case "mixed" -> Reports.mixed();
      case "unchanged" -> Reports.unchanged();
      case "failed" -> Reports.failed();
      case "promotion" -> Reports.promotion();
      case "escaping" -> Reports.escaping();
      default -> throw new IllegalArgumentException(name);
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"mixed", "unchanged", "failed", "promotion", "escaping"})
  void markdown(String name) throws IOException {
    Golden.assertMatches(name, "expected.md", MarkdownView.render(fixture(name)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"mixed", "unchanged", "failed", "promotion", "escaping"})
  void json(String name) throws IOException {
    Golden.assertMatches(name, "expected.json", JsonView.render(fixture(name)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"mixed", "unchanged", "failed", "promotion", "escaping"})
  void text(String name) throws IOException {
    Golden.assertMatches(name, "expected.txt", TextView.render(fixture(name), false));
  }

  @ParameterizedTest
  @ValueSource(strings = {"mixed", "unchanged", "failed", "promotion", "escaping"})
  void html(String name) throws IOException {
    Golden.assertMatches(name, "expected.html", HtmlView.render(fixture(name)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"mixed", "unchanged", "failed", "promotion", "escaping"})
  void slack(String name) throws IOException {
    Golden.assertMatches(name, "expected.slack.json", SlackView.render(fixture(name), REPORT_URL));
  }

  @Test
  void colouredText() throws IOException {
    Golden.assertMatches("mixed", "expected-colour.txt", TextView.render(Reports.mixed(), true));
    Golden.assertMatches("promotion", "expected-colour.txt", TextView.render(Reports.promotion(), true));
  }

  @Test
  void promotionShowsTheChangelogFirstAndDedupes() {
    String md = MarkdownView.render(Reports.promotion());
    assertTrue(md.startsWith("<!-- foresight:part 1/1 https://github.com/Acme/infra.git#refs/heads/production -->\n"), md);
    int changelog = md.indexOf("#### Changelog");
    int details = md.indexOf("<details>");
    assertTrue(changelog > md.indexOf("| Profile |") && changelog < details, "summary, changelog, then diffs");
    assertTrue(md.contains("[`3333333`](https://github.com/Acme/infra/commit/3333333cccccccccccccccccccccccccccccccccc)"
        + " Bump api-server to build-0044 (#123) — Ada Lovelace · [#123](https://github.com/Acme/infra/pull/123) · [DS-4910](https://jira.example.com/browse/DS-4910)"), md);
    assertTrue(md.contains("`build-0041` → `build-0044` · [compare](https://github.com/Acme/api-server/compare/build-0041...build-0044)"), md);
    assertTrue(md.contains("[#12](https://github.com/Acme/api-server/pull/12)"), "component PRs link to their repository");
    assertTrue(md.contains("is not mapped to a component repository"), md);
    assertTrue(md.contains("`~ apps/v1 Deployment platform/api-server` — same as `prod-eu/apps`"), md);
    assertTrue(md.contains("`~ apps/v1 Deployment platform/api-server` — same in `prod-us/apps`, `prod-ap/apps`"), md);
    assertTrue(md.contains("moved to `prod-eu/infra`") && md.contains("moved from `prod-eu/apps`"), md);
    assertEquals(1, count(md, "```diff"), "the deduped diff appears once");
  }

  @Test
  void pushShowsTheChangelogAfterTheSummary() {
    String md = MarkdownView.render(Reports.mixed());
    assertTrue(md.indexOf("#### Changelog") > md.indexOf("**Error** in") && md.indexOf("#### Changelog") < md.indexOf("<details>"), md);
  }

  @Test
  void htmlEscapesEverything() {
    String html = HtmlView.render(Reports.escaping());
    assertFalse(html.contains("<script"), "no script tag from the report: " + html);
    assertFalse(html.contains("<img"), html);
    assertFalse(html.contains("<b>hello"), html);
    assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;) &amp;&amp; 1&lt;/script&gt;"), html);
    assertTrue(html.contains("prod&lt;1&gt;"), html);
    assertFalse(html.contains("src=\"") || html.contains("<link") || html.contains("@import") || html.contains("url("),
        "self-contained: nothing fetched");
    assertTrue(html.contains("<span class=\"add\">+  banner"), html);
    assertTrue(html.contains("<span class=\"hunk\">@@ -3,3 +3,3 @@</span>"), html);
  }

  @Test
  void htmlNavigatesByProfile() {
    String html = HtmlView.render(Reports.promotion());
    for (String profile : List.of("prod-ap", "prod-eu", "prod-us")) {
      String anchor = html.substring(html.indexOf("<a href=\"#p") + 10, html.indexOf("\"", html.indexOf("<a href=\"#p") + 10));
      assertTrue(html.contains("id=\"" + anchor + "\""), anchor);
      assertTrue(html.contains("<section id=\"p") && html.contains(">" + profile + "</a>"), profile);
    }
    assertTrue(html.contains("<details><summary>prod-eu/apps"), html);
  }

  @Test
  void markdownAndSlackEscapeHtml() throws IOException {
    String md = MarkdownView.render(Reports.escaping());
    assertTrue(md.contains("unresolved variable ${&lt;img src=x&gt;}"), md);
    assertTrue(md.contains("| prod&lt;1&gt; |"), "the summary table escapes the profile name: " + md);
    JsonNode slack = new ObjectMapper().readTree(SlackView.render(Reports.escaping(), null));
    assertFalse(slack.toString().contains("<img"), slack.toString());
  }

  @Test
  void jsonHasTheDocumentedShape() throws IOException {
    JsonNode root = new ObjectMapper().readTree(JsonView.render(Reports.promotion()));
    assertEquals(List.of("change", "error", "missing", "profiles", "changelog"), names(root));
    assertEquals(List.of("repo", "kind", "base", "head", "ref", "pullRequest"), names(root.get("change")));
    assertEquals("promotion", root.get("change").get("kind").asText());
    JsonNode ks = root.get("profiles").get(1).get("kustomizations").get(0);
    assertEquals(List.of("name", "namespace", "path", "status", "error", "warnings", "stats", "objects"), names(ks));
    assertEquals(List.of("objectsAdded", "objectsRemoved", "objectsChanged", "linesAdded", "linesRemoved"),
        names(ks.get("stats")));
    JsonNode object = ks.get("objects").get(0);
    assertEquals(List.of("apiVersion", "kind", "namespace", "name", "change", "diff", "movedFrom", "movedTo", "sameIn",
        "sameAs"), names(object));
    assertEquals("[\"prod-us/apps\",\"prod-ap/apps\"]", object.get("sameIn").toString());
    assertEquals("prod-eu/infra", ks.get("objects").get(1).get("movedTo").asText());
    assertEquals("moved", ks.get("objects").get(1).get("change").asText());
    assertEquals("prod-eu/apps", root.get("profiles").get(0).get("kustomizations").get(0).get("objects").get(0)
        .get("sameAs").asText());
    JsonNode changelog = root.get("changelog");
    assertEquals(List.of("commits", "components", "error", "truncated"), names(changelog));
    assertEquals(List.of("sha", "subject", "author", "url", "pr", "tickets"), names(changelog.get("commits").get(0)));
    assertEquals(123, changelog.get("commits").get(0).get("pr").asInt());
    assertEquals(List.of("key", "url"), names(changelog.get("commits").get(0).get("tickets").get(0)));
    assertEquals(List.of("name", "image", "from", "to", "repository", "url", "error", "pairs", "commits"),
        names(changelog.get("components").get(0)));
    JsonNode empty = new ObjectMapper().readTree(JsonView.render(Reports.unchanged())).get("changelog");
    assertEquals("{\"commits\":[],\"components\":[],\"error\":null,\"truncated\":false}", empty.toString());
  }

  @Test
  void markdownFenceOutgrowsBackticksInTheDiff() {
    Report report = Reports.escaping();
    ObjectDiff object = report.getProfiles().get(0).getKustomizations().get(0).getObjects().get(0);
    object.setDiff(object.getDiff() + "+  run: ```echo```\n");
    String md = MarkdownView.render(report);
    assertTrue(md.contains("\n````diff\n") && md.contains("+  run: ```echo```\n````\n"), md);
    assertFalse(md.contains("\n```diff\n"), md);
  }

  @Test
  void summaryLine() {
    assertEquals("https://github.com/Acme/infra.git pull request #42 into refs/pull/42/head 1111111..2222222: 2 profiles, "
        + "1/4 kustomizations changed, +6 -1 lines, 1 error, 1 missing", SummaryLine.of(Reports.mixed()));
    assertEquals("https://github.com/Acme/infra.git pull request #42 into refs/pull/42/head 1111111..2222222: 1 profile, "
        + "0/1 kustomizations changed, +0 -0 lines, 0 errors", SummaryLine.of(Reports.unchanged()));
    assertEquals("https://github.com/Acme/infra.git pull request #42 into refs/pull/42/head 1111111..2222222: error: commit 2222222 "
        + "not found in https://github.com/Acme/infra.git", SummaryLine.of(Reports.failed()));
  }

  static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
      n++;
    }
    return n;
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
