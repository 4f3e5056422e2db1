package dev.foresight.differ;

import static dev.foresight.differ.Fixtures.T0;
import static dev.foresight.differ.Fixtures.configMap;
import static dev.foresight.differ.Fixtures.deployment;
import static dev.foresight.differ.Fixtures.list;
import static dev.foresight.differ.Fixtures.namespace;
import static dev.foresight.differ.Fixtures.ok;
import static dev.foresight.differ.Fixtures.plan;
import static dev.foresight.differ.Fixtures.render;
import static dev.foresight.differ.Fixtures.skip;
import static dev.foresight.differ.Fixtures.yaml;

import dev.foresight.schema.KustomizationReport;
import dev.foresight.schema.ObjectDiff;
import dev.foresight.schema.ProfileReport;
import dev.foresight.schema.Report;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Golden reports, written as plain text: {@code src/test/resources/golden/<case>/expected.txt}. */
class DifferGoldenTest {

  @Test
  void objects() throws IOException {
    String base = yaml(namespace("demo"), configMap("settings", "a: \"1\"", "b: \"2\""),
        deployment("apps/v1", "web", "web:1.0", 2), configMap("legacy", "x: y"));
    String head = yaml(namespace("demo"), configMap("settings", "a: \"1\"", "b: \"3\""),
        deployment("apps/v1", "web", "web:1.1", 3), configMap("fresh", "k: v"));
    Report report = Differ.report(plan(render("prod", "apps"), skip("prod", "infra"), render("dev", "apps")),
        list(ok("prod", "apps", base, head), ok("dev", "apps", base, base)), T0);
    Golden.assertMatches("objects", "expected.txt", dump(report));
  }

  @Test
  void createdAndDeleted() throws IOException {
    String objects = yaml(namespace("demo"), deployment("apps/v1", "web", "web:1.0", 1));
    Report report = Differ.report(plan(render("prod", "created"), render("prod", "deleted"), render("prod", "late")),
        list(ok("prod", "created", null, objects), ok("prod", "deleted", objects, null)), T0);
    Golden.assertMatches("created-and-deleted", "expected.txt", dump(report));
  }

  /** A readable, stable dump of everything a report says. */
  static String dump(Report report) {
    StringBuilder out = new StringBuilder();
    out.append("report ").append(report.getChangeId()).append(" target ").append(report.getTarget())
        .append(" error ").append(report.getError()).append('\n');
    out.append("stats ").append(report.getStats()).append('\n');
    out.append("missing ").append(report.getMissing()).append('\n');
    for (ProfileReport profile : report.getProfiles()) {
      for (KustomizationReport ks : profile.getKustomizations()) {
        out.append("\n== ").append(profile.getName()).append('/').append(ks.getName())
            .append(" [").append(ks.getStatus()).append("] path ").append(ks.getPath())
            .append(" error ").append(ks.getError()).append('\n');
        out.append("stats ").append(ks.getStats()).append('\n');
        out.append(ks.getDiff());
        for (ObjectDiff object : ks.getObjects()) {
          out.append("-- ").append(object.getChange()).append(' ').append(object.getApiVersion()).append(' ')
              .append(object.getKind()).append(' ').append(object.getNamespace()).append('/')
              .append(object.getName()).append('\n').append(object.getDiff());
        }
      }
    }
    return out.toString();
  }
}
