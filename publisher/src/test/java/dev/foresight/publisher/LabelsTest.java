package dev.foresight.publisher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.schema.ObjectChange;
import dev.foresight.schema.ObjectDiff;
import dev.foresight.schema.Report;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LabelsTest {

  private static ObjectDiff sameIn(List<String> pairs) {
    return new ObjectDiff("v1", "ConfigMap", "demo", "banner", ObjectChange.CHANGED, "--- a\n+++ b\n", null, null,
        new ArrayList<>(pairs), null);
  }

  private static List<String> pairs(int n) {
    return IntStream.range(0, n).mapToObj(i -> "prod-" + i + "/apps").toList();
  }

  @Test
  void aShortSameInListIsWrittenWhole() {
    assertEquals(List.of("same in prod-0/apps, prod-1/apps, prod-2/apps, prod-3/apps"),
        Labels.notes(sameIn(pairs(4))));
  }

  @Test
  void aChangeRepeatedInEveryProfileNamesThreePairsAndCountsTheRest() {
    assertEquals(List.of("same in 29 other pairs: prod-0/apps, prod-1/apps, prod-2/apps and 26 more"),
        Labels.notes(sameIn(pairs(29))));
    assertEquals(List.of("same in 29 other pairs: `prod-0/apps`, `prod-1/apps`, `prod-2/apps` and 26 more"),
        Labels.notes(sameIn(pairs(29)), MarkdownView::code));
  }

  @Test
  void viewsCapTheListButJsonKeepsItWhole() throws IOException {
    Report report = Reports.promotion();
    ObjectDiff first = report.getProfiles().get(1).getKustomizations().get(0).getObjects().get(0);
    first.setSameIn(new ArrayList<>(pairs(29)));
    for (String view : List.of(MarkdownView.render(report), TextView.render(report, false), HtmlView.render(report))) {
      assertTrue(view.contains("and 26 more"), view);
      assertTrue(!view.contains("prod-28/apps"), view);
    }
    JsonNode sameIn = new ObjectMapper().readTree(JsonView.render(report)).get("profiles").get(1)
        .get("kustomizations").get(0).get("objects").get(0).get("sameIn");
    assertEquals(29, sameIn.size());
    assertEquals("prod-28/apps", sameIn.get(28).asText());
  }

  @Test
  void aChangeThatNamesNoRefIsTitledByItsCommitsInEveryView() {
    Report report = Reports.unchanged();
    report.setChange(dev.foresight.schema.ChangeRequested.newBuilder(Reports.change())
        .setKind(dev.foresight.schema.ChangeKind.PUSH).setPullRequest(null).setRef("").build());
    assertEquals("1111111..2222222", Labels.refAndRange(report.getChange()));
    assertTrue(TextView.render(report, false).startsWith("foresight: https://github.com/Acme/infra.git push"
        + " 1111111..2222222\n"), TextView.render(report, false));
    String markdown = MarkdownView.render(report);
    assertTrue(markdown.startsWith("<!-- foresight:part 1/1 https://github.com/Acme/infra.git#1111111..2222222 -->\n"
        + "### Foresight: `https://github.com/Acme/infra.git` push `1111111..2222222`\n"), markdown);
    assertTrue(SummaryLine.of(report).startsWith("https://github.com/Acme/infra.git push 1111111..2222222: "),
        SummaryLine.of(report));
    assertTrue(HtmlView.render(report).contains("<title>Foresight: https://github.com/Acme/infra.git push"
        + " 1111111..2222222</title>"));
    assertTrue(JsonView.render(report).contains("\"ref\": null,\n    \"pullRequest\": null"), JsonView.render(report));
  }

  @Test
  void aPullRequestIsNamedByItsNumberAndTheBranchItMergesInto() {
    Report report = Reports.unchanged();
    report.setChange(dev.foresight.schema.ChangeRequested.newBuilder(Reports.change()).setRef("refs/heads/main").build());
    assertTrue(SummaryLine.of(report).startsWith("https://github.com/Acme/infra.git pull request #42 into"
        + " refs/heads/main 1111111..2222222: "), SummaryLine.of(report));
    assertTrue(MarkdownView.render(report).startsWith("<!-- foresight:part 1/1 https://github.com/Acme/infra.git#pull/42"
        + " -->\n### Foresight: `https://github.com/Acme/infra.git` pull request #42 `refs/heads/main` `1111111..2222222`"),
        MarkdownView.render(report));
  }
}
