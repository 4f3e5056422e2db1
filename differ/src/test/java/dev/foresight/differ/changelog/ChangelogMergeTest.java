package dev.foresight.differ.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.differ.Differ;
import dev.foresight.differ.Fixtures;
import dev.foresight.schema.Changelog;
import dev.foresight.schema.Commit;
import dev.foresight.schema.ComponentChange;
import dev.foresight.schema.RenderPlan;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.Report;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's changelog: the plan's commits plus the results' component changes merged by (image, from, to). */
class ChangelogMergeTest {

  @Test
  void mergesComponentsAcrossResultsUnioningPairs() {
    RenderPlan plan = Fixtures.plan(Fixtures.render("production", "apps"), Fixtures.render("staging", "apps"),
        Fixtures.render("staging", "jobs"));
    Commit gitops = Commit.newBuilder().setSha("a".repeat(40)).setSubject("Bump api to build-2 (#7)").setAuthor("Dana")
        .setPr(7).build();
    plan.setChangelog(Changelog.newBuilder().setCommits(List.of(gitops)).setTruncated(true).build());
    RenderResult production = withComponents(Fixtures.ok("production", "apps", "", ""),
        component("api", "build-1", "build-2", "production/apps", null),
        component("ui", "v1", "v2", "production/apps", "tag v2 not found in ../ui (fetched 2026-01-01T00:00:00Z)"));
    RenderResult staging = withComponents(Fixtures.ok("staging", "apps", "", ""),
        component("api", "build-1", "build-2", "staging/apps", null),
        component("api", "build-0", "build-2", "staging/apps", null));
    RenderResult jobs = withComponents(Fixtures.ok("staging", "jobs", "", ""),
        component("ui", "v1", "v2", "staging/jobs", null));

    Report report = Differ.report(plan, List.of(staging, jobs, production), Fixtures.T0);
    Changelog changelog = report.getChangelog();
    assertEquals(List.of(gitops), changelog.getCommits());
    assertTrue(changelog.getTruncated());
    List<ComponentChange> components = changelog.getComponents();
    assertEquals(3, components.size(), components.toString());
    assertEquals(List.of("build-0", "build-1", "v1"), components.stream().map(ComponentChange::getFrom).toList());
    assertEquals(List.of("staging/apps"), components.get(0).getPairs());
    assertEquals(List.of("production/apps", "staging/apps"), components.get(1).getPairs());
    assertEquals(List.of("production/apps", "staging/jobs"), components.get(2).getPairs());
    assertNull(components.get(2).getError(), "a result that listed the commits wins over one that could not");
  }

  @Test
  void pairsFollowTheReportOrderByProfileThenKustomization() {
    RenderPlan plan = Fixtures.plan(Fixtures.render("development", "apps"), Fixtures.render("development-light", "apps"));
    Changelog changelog = ChangelogMerge.of(plan, List.of(
        withComponents(Fixtures.ok("development-light", "apps", "", ""),
            component("ui", "1", "2", "development-light/apps", null)),
        withComponents(Fixtures.ok("development", "jobs", "", ""), component("ui", "1", "2", "development/jobs", null)),
        withComponents(Fixtures.ok("development", "apps", "", ""), component("ui", "1", "2", "development/apps", null))));
    assertEquals(List.of("development/apps", "development/jobs", "development-light/apps"),
        changelog.getComponents().get(0).getPairs(), "not plain text order, where '-' sorts before '/'");
  }

  @Test
  void noChangelogWithoutPlanChangelogOrMovingImage() {
    RenderPlan plan = Fixtures.plan(Fixtures.render("p", "apps"));
    assertNull(ChangelogMerge.of(plan, List.of(Fixtures.ok("p", "apps", "", ""))));
    Changelog onlyComponents = ChangelogMerge.of(plan,
        List.of(withComponents(Fixtures.ok("p", "apps", "", ""), component("api", "1", "2", "p/apps", null))));
    assertEquals(List.of(), onlyComponents.getCommits());
    assertEquals(1, onlyComponents.getComponents().size());
  }

  private static RenderResult withComponents(RenderResult result, ComponentChange... components) {
    return RenderResult.newBuilder(result).setComponents(new ArrayList<>(List.of(components))).build();
  }

  private static ComponentChange component(String name, String from, String to, String pair, String error) {
    List<Commit> commits = error != null ? List.of() : List.of(Commit.newBuilder().setSha("b".repeat(40))
        .setSubject("DS-1: fix (#3)").setAuthor("Eldar").build());
    return ComponentChange.newBuilder().setName(name).setImage("registry.example.com/" + name).setFrom(from).setTo(to)
        .setCommits(commits).setError(error).setPairs(List.of(pair)).build();
  }
}
