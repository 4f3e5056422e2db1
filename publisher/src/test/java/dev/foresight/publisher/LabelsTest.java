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
}
