package dev.foresight.publisher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.schema.Changelog;
import dev.foresight.schema.Report;
import java.io.IOException;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class SlackViewTest {

  private static JsonNode payload(Report report) throws IOException {
    return new ObjectMapper().readTree(SlackView.render(report, null));
  }

  @Test
  void theFallbackTextIsEscapedLikeEveryMrkdwnText() throws IOException {
    Report report = Reports.failed();
    report.setError("cannot read <unknown> & friends");
    String text = payload(report).get("text").asText();
    assertTrue(text.endsWith("error: cannot read &lt;unknown&gt; &amp; friends"), text);
  }

  @Test
  void noEmptyCommitsSectionWhenOnlyComponentsMove() throws IOException {
    Report report = Reports.promotion();
    Changelog changelog = report.getChangelog();
    report.setChangelog(Changelog.newBuilder(changelog).setCommits(new ArrayList<>()).setError(null).build());
    String all = payload(report).get("blocks").toString();
    assertFalse(all.contains("GitOps commits"), all);
    assertTrue(all.contains("*Components* ("), all);
  }

  @Test
  void aCutCommitListSaysSo() throws IOException {
    Report report = Reports.promotion();
    report.setChangelog(Changelog.newBuilder(report.getChangelog()).setTruncated(true).build());
    assertTrue(payload(report).get("blocks").toString().contains("*GitOps commits* (2, list cut)"));
    assertEquals(false, Reports.promotion().getChangelog().getTruncated());
  }
}
