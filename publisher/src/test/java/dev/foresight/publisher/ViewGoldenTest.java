package dev.foresight.publisher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.schema.Report;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@code src/test/resources/golden/<case>/expected.md} and {@code expected.json}. */
class ViewGoldenTest {

  static Report fixture(String name) {
    return switch (name) {
      case "mixed" -> Reports.mixed();
      case "unchanged" -> Reports.unchanged();
      case "failed" -> Reports.failed();
      default -> throw new IllegalArgumentException(name);
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"mixed", "unchanged", "failed"})
  void markdown(String name) throws IOException {
    Golden.assertMatches(name, "expected.md", MarkdownView.render(fixture(name)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"mixed", "unchanged", "failed"})
  void json(String name) throws IOException {
    Golden.assertMatches(name, "expected.json", JsonView.render(fixture(name)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"mixed", "unchanged", "failed"})
  void text(String name) throws IOException {
    Golden.assertMatches(name, "expected.txt", TextView.render(fixture(name), false));
  }

  @Test
  void colouredText() throws IOException {
    Golden.assertMatches("mixed", "expected-colour.txt", TextView.render(Reports.mixed(), true));
  }

  @Test
  void jsonHasTheDocumentedShape() throws IOException {
    JsonNode root = new ObjectMapper().readTree(JsonView.render(Reports.mixed()));
    assertEquals(List.of("change", "error", "missing", "profiles", "changelog"), names(root));
    assertEquals(List.of("repo", "kind", "base", "head", "ref"), names(root.get("change")));
    assertEquals("pull_request", root.get("change").get("kind").asText());
    JsonNode ks = root.get("profiles").get(1).get("kustomizations").get(0);
    assertEquals(List.of("name", "namespace", "path", "status", "error", "warnings", "stats", "objects"), names(ks));
    assertEquals(List.of("objectsAdded", "objectsRemoved", "objectsChanged", "linesAdded", "linesRemoved"),
        names(ks.get("stats")));
    assertEquals(List.of("apiVersion", "kind", "namespace", "name", "change", "diff"),
        names(ks.get("objects").get(0)));
    assertEquals("changed", ks.get("objects").get(0).get("change").asText());
    assertEquals("error", root.get("profiles").get(0).get("kustomizations").get(1).get("status").asText());
    assertEquals(List.of("commits", "components"), names(root.get("changelog")));
  }

  @Test
  void markdownFenceOutgrowsBackticksInTheDiff() {
    StringBuilder md = new StringBuilder();
    MarkdownView.fenced(md, "diff", "+ run: ```echo```\n");
    assertTrue(md.toString().startsWith("````diff\n"), md.toString());
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

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
