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
import dev.foresight.testing.Golden;
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
    String created = yaml(namespace("demo"), deployment("apps/v1", "web", "web:1.0", 1));
    String deleted = yaml(namespace("legacy"), deployment("apps/v1", "old", "old:1.0", 1));
    Report report = Differ.report(plan(render("prod", "created"), render("prod", "deleted"), render("prod", "late")),
        list(ok("prod", "created", null, created), ok("prod", "deleted", deleted, null)), T0);
    Golden.assertMatches("created-and-deleted", "expected.txt", dump(report));
  }

  /** A Flux Kustomization hands an object over to another one of the same profile (and changes it). */
  @Test
  void moveWithinProfile() throws IOException {
    Report report = Differ.report(plan(render("prod", "infra"), render("prod", "apps")),
        list(ok("prod", "infra", yaml(namespace("demo"), configMap("shared", "a: \"1\"")), yaml(namespace("demo"))),
            ok("prod", "apps", yaml(deployment("apps/v1", "web", "web:1.0", 1)),
                yaml(deployment("apps/v1", "web", "web:1.0", 1), configMap("shared", "a: \"2\"")))),
        T0);
    Golden.assertMatches("move-within-profile", "expected.txt", dump(report));
  }

  /** Removed from one profile, added unchanged to another, not matched within a profile. */
  @Test
  void moveAcrossProfiles() throws IOException {
    String kept = deployment("apps/v1", "web", "web:1.0", 1);
    Report report = Differ.report(plan(render("old", "apps"), render("new", "apps")),
        list(ok("old", "apps", yaml(kept, configMap("shared", "a: \"1\"")), yaml(kept)),
            ok("new", "apps", yaml(kept), yaml(kept, configMap("shared", "a: \"1\"")))),
        T0);
    Golden.assertMatches("move-across-profiles", "expected.txt", dump(report));
  }

  /** Three profiles with the same change keep one diff; a fourth with another change keeps its own. */
  @Test
  void dedupeAcrossThreeProfiles() throws IOException {
    String base = yaml(namespace("demo"), deployment("apps/v1", "web", "web:1.0", 2), configMap("gone", "x: y"));
    String head = yaml(namespace("demo"), deployment("apps/v1", "web", "web:1.1", 2));
    String other = yaml(namespace("demo"), deployment("apps/v1", "web", "web:2.0", 2));
    Report report = Differ.report(
        plan(render("staging", "apps"), render("production", "apps"), render("dev", "apps"), render("qa", "apps")),
        list(ok("staging", "apps", base, head), ok("production", "apps", base, head), ok("dev", "apps", base, head),
            ok("qa", "apps", base, other)),
        T0);
    Golden.assertMatches("dedupe-three-profiles", "expected.txt", dump(report));
  }

  /** Removed objects stay where base had them, between head's objects. */
  @Test
  void removedObjectOrdering() throws IOException {
    String base = yaml(configMap("a", "v: 1"), configMap("b", "v: 1"), configMap("c", "v: 1"),
        configMap("d", "v: 1"), configMap("e", "v: 1"));
    String head = yaml(configMap("z", "v: 1"), configMap("a", "v: 1"), configMap("c", "v: 2"),
        configMap("e", "v: 1"), configMap("f", "v: 1"));
    Report report = Differ.report(plan(render("prod", "apps")), list(ok("prod", "apps", base, head)), T0);
    Golden.assertMatches("removed-object-ordering", "expected.txt", dump(report));
  }

  /** {@code --context 1} and {@code --context 0}. */
  @Test
  void contextLines() throws IOException {
    String base = configMap("settings", "a: \"1\"", "b: \"2\"", "c: \"3\"", "d: \"4\"", "e: \"5\"", "f: \"6\"");
    String head = configMap("settings", "a: \"1\"", "b: \"2\"", "c: \"30\"", "d: \"4\"", "e: \"5\"", "f: \"60\"");
    StringBuilder out = new StringBuilder();
    for (int context : new int[] {3, 1, 0}) {
      Report report = Differ.report(plan(render("prod", "apps")), list(ok("prod", "apps", base, head)), T0,
          DiffSettings.defaults().withContext(context));
      out.append("### context ").append(context).append('\n').append(dump(report));
    }
    Golden.assertMatches("context-lines", "expected.txt", out.toString());
  }

  /** apps/v1beta1 to apps/v1 is the same object; extensions to apps is another one. */
  @Test
  void apiVersionGroupMatching() throws IOException {
    String base = yaml(deployment("apps/v1beta1", "web", "web:1.0", 1), deployment("extensions/v1beta1", "api", "api:1", 1));
    String head = yaml(deployment("apps/v1", "web", "web:1.0", 1), deployment("apps/v1", "api", "api:1", 1));
    Report report = Differ.report(plan(render("prod", "apps")), list(ok("prod", "apps", base, head)), T0);
    Golden.assertMatches("api-version-group", "expected.txt", dump(report));
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
              .append(object.getName());
          if (object.getMovedFrom() != null) {
            out.append(" movedFrom ").append(object.getMovedFrom());
          }
          if (object.getMovedTo() != null) {
            out.append(" movedTo ").append(object.getMovedTo());
          }
          if (!object.getSameIn().isEmpty()) {
            out.append(" sameIn ").append(object.getSameIn());
          }
          if (object.getSameAs() != null) {
            out.append(" sameAs ").append(object.getSameAs());
          }
          out.append('\n').append(object.getDiff());
        }
      }
    }
    return out.toString();
  }
}
