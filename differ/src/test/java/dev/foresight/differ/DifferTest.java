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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.schema.DiffStats;
import dev.foresight.schema.KustomizationReport;
import dev.foresight.schema.KustomizationStatus;
import dev.foresight.schema.ObjectChange;
import dev.foresight.schema.ObjectDiff;
import dev.foresight.schema.Report;
import java.util.List;
import org.junit.jupiter.api.Test;

class DifferTest {

  static final String BASE = yaml(namespace("demo"), configMap("settings", "a: \"1\"", "b: \"2\""),
      deployment("apps/v1", "web", "web:1.0", 2), configMap("legacy", "x: y"));
  static final String HEAD = yaml(namespace("demo"), configMap("settings", "a: \"1\"", "b: \"3\""),
      deployment("apps/v1", "web", "web:1.1", 2), configMap("fresh", "k: v"));

  @Test
  void classifiesAddedRemovedChangedObjectsInMergedKustomizeOrder() {
    Report report = Differ.report(plan(render("prod", "apps")), list(ok("prod", "apps", BASE, HEAD)), T0);
    KustomizationReport ks = report.getProfiles().get(0).getKustomizations().get(0);
    assertEquals(KustomizationStatus.OK, ks.getStatus());
    List<ObjectDiff> objects = ks.getObjects();
    // legacy followed web in base: it stays there, before head's fresh
    assertEquals(List.of("CHANGED ConfigMap settings", "CHANGED Deployment web", "REMOVED ConfigMap legacy",
        "ADDED ConfigMap fresh"), objects.stream()
        .map(o -> o.getChange() + " " + o.getKind() + " " + o.getName()).toList());
    assertEquals("demo", objects.get(0).getNamespace());
    // lines are those of the object diffs: 1 + 1 changed, 7 of the added and removed ConfigMaps
    assertEquals(new DiffStats(1, 1, 2, 9, 9), ks.getStats());
    assertEquals(ks.getStats(), report.getStats());
    assertEquals("", ks.getDiff(), "the whole-output diff is no longer carried");
    assertTrue(Differ.changed(ks));
    ObjectDiff changed = objects.get(1);
    assertTrue(changed.getDiff().startsWith("--- base/prod/apps/Deployment/demo/web\n"), changed.getDiff());
    assertTrue(changed.getDiff().contains("-        image: web:1.0\n+        image: web:1.1\n"));
  }

  @Test
  void equalRendersGiveEmptyDiffAndNoObjects() {
    Report report = Differ.report(plan(render("prod", "apps")), list(ok("prod", "apps", BASE, BASE)), T0);
    KustomizationReport ks = report.getProfiles().get(0).getKustomizations().get(0);
    assertEquals("", ks.getDiff());
    assertEquals(List.of(), ks.getObjects());
    assertTrue(!Differ.changed(ks));
    assertEquals(new DiffStats(0, 0, 0, 0, 0), report.getStats());
    assertEquals("", Differ.unifiedDiff("p", "k", "a\n", "a\n"));
    assertEquals("", Differ.unifiedDiff("p", "k", null, ""));
  }

  @Test
  void nullBaseMeansEverythingAddedAndNullHeadEverythingRemoved() {
    Report added = Differ.report(plan(render("prod", "apps")), list(ok("prod", "apps", null, HEAD)), T0);
    KustomizationReport ks = added.getProfiles().get(0).getKustomizations().get(0);
    assertTrue(ks.getObjects().stream().allMatch(o -> o.getChange() == ObjectChange.ADDED));
    assertEquals(4, ks.getStats().getObjectsAdded());
    assertEquals(HEAD.split("\n").length - 3, ks.getStats().getLinesAdded(), "every line but the 3 separators");
    assertEquals(0, ks.getStats().getLinesRemoved());

    Report removed = Differ.report(plan(render("prod", "apps")), list(ok("prod", "apps", BASE, null)), T0);
    KustomizationReport gone = removed.getProfiles().get(0).getKustomizations().get(0);
    assertEquals(4, gone.getStats().getObjectsRemoved());
    assertEquals(BASE.split("\n").length - 3, gone.getStats().getLinesRemoved());
    assertTrue(gone.getObjects().stream().allMatch(o -> o.getChange() == ObjectChange.REMOVED));
  }

  @Test
  void apiVersionBumpIsAChangeOfTheSameObject() {
    Report report = Differ.report(plan(render("prod", "apps")), list(ok("prod", "apps",
        deployment("extensions/v1beta1", "web", "web:1", 1), deployment("extensions/v1", "web", "web:1", 1))), T0);
    List<ObjectDiff> objects = report.getProfiles().get(0).getKustomizations().get(0).getObjects();
    assertEquals(1, objects.size());
    assertEquals(ObjectChange.CHANGED, objects.get(0).getChange());
    assertEquals("extensions/v1", objects.get(0).getApiVersion());
  }

  @Test
  void profilesSortedKustomizationsInPlanOrderStatsSummed() {
    Report report = Differ.report(
        plan(render("staging", "infra"), render("staging", "apps"), skip("dev", "apps"), render("dev", "infra")),
        list(ok("staging", "infra", "a: 1\n", "a: 2\n"), ok("staging", "apps", BASE, HEAD),
            Fixtures.error("dev", "infra", "kustomization.yaml: no such file")),
        T0);
    assertEquals(List.of("dev", "staging"), report.getProfiles().stream().map(p -> p.getName()).toList());
    List<KustomizationReport> dev = report.getProfiles().get(0).getKustomizations();
    assertEquals(KustomizationStatus.SKIPPED, dev.get(0).getStatus());
    assertEquals(KustomizationStatus.ERROR, dev.get(1).getStatus());
    assertEquals("kustomization.yaml: no such file", dev.get(1).getError());
    List<KustomizationReport> staging = report.getProfiles().get(1).getKustomizations();
    assertEquals(List.of("infra", "apps"), staging.stream().map(KustomizationReport::getName).toList());
    assertEquals(new DiffStats(1, 1, 3, 10, 10), report.getStats());
    assertEquals("refs/heads/master", report.getTarget());
    assertEquals(List.of(), report.getMissing());
    assertEquals(T0, report.getCreatedAt());
    assertNull(report.getError());
  }

  @Test
  void missingResultsAreListedAndDuplicatesCountOnce() {
    Report report = Differ.report(plan(render("b", "apps"), render("a", "apps"), render("a", "infra")),
        list(ok("a", "apps", "x: 1\n", "x: 2\n"), ok("a", "apps", "x: 1\n", "x: 2\n")), T0);
    assertEquals(List.of("a/infra", "b/apps"), report.getMissing());
    assertEquals(1, report.getProfiles().size());
    assertEquals(1, report.getProfiles().get(0).getKustomizations().size());
    assertEquals(new DiffStats(0, 0, 1, 1, 1), report.getStats());
  }

  @Test
  void failedPlanGivesErrorReportWithoutProfiles() {
    Report report = Differ.report(Fixtures.failedPlan("commit 2222222 not found"), List.of(), T0);
    assertEquals("commit 2222222 not found", report.getError());
    assertEquals(List.of(), report.getProfiles());
    assertEquals(new DiffStats(0, 0, 0, 0, 0), report.getStats());
  }
}
