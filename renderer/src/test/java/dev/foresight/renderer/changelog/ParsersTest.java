package dev.foresight.renderer.changelog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.renderer.flux.ForesightConfig;
import dev.foresight.schema.Ticket;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Subjects, tickets, image references, web URLs, locations and the foresight.yaml sections. */
class ParsersTest {

  @Test
  void subjectIsTheFirstLine() {
    assertEquals("Fix it (#12)", Subjects.subject("Fix it (#12)\n\nbody (#13)\n"));
    assertEquals("", Subjects.subject(null));
  }

  @Test
  void pullRequestFromMergeOrTrailingNumber() {
    assertEquals(123, Subjects.pullRequest("Merge pull request #123 from acme/feature-x"));
    assertEquals(902, Subjects.pullRequest("DS-4711: Fix retry handling in ui (#902)"));
    assertEquals(7, Subjects.pullRequest("Bump api to build-1002 (#7)  "));
    assertNull(Subjects.pullRequest("Refer to #12 in the middle"));
    assertNull(Subjects.pullRequest("Merge branch 'master' into staging"));
    assertNull(Subjects.pullRequest("(#12) at the start"));
  }

  @Test
  void ticketsAreDedupedPerMessageAndLinked() {
    TicketMatcher jira = new TicketMatcher(Pattern.compile(TicketMatcher.DEFAULT_PATTERN),
        "https://jira.example.com/browse/{key}");
    List<Ticket> tickets = jira.tickets("DS-4910: fix PWX-12 again\n\nsee DS-4910 and utf-8, X-1, ab-12");
    assertEquals(List.of(new Ticket("DS-4910", "https://jira.example.com/browse/DS-4910"),
        new Ticket("PWX-12", "https://jira.example.com/browse/PWX-12")), tickets);
    assertEquals(List.of(new Ticket("DS-1", null)), TicketMatcher.DEFAULT.tickets("DS-1 DS-1"));
    assertEquals(List.of(), TicketMatcher.DEFAULT.tickets("no tickets here"));
  }

  @Test
  void imagesWithRegistryPortTagAndDigest() {
    assertEquals(new ImageRef("registry.example.com:5000/team/api", "1.2", null),
        ImageRef.parse("registry.example.com:5000/team/api:1.2"));
    assertEquals(new ImageRef("registry.example.com:5000/team/api", "latest", null),
        ImageRef.parse("registry.example.com:5000/team/api"));
    assertEquals(new ImageRef("nginx", "latest", null), ImageRef.parse("nginx"));
    assertEquals(new ImageRef("localhost:5000/api", null, "sha256:abc"), ImageRef.parse("localhost:5000/api@sha256:abc"));
    assertEquals(new ImageRef("ghcr.io/a/b", "v1", "sha256:abc"), ImageRef.parse("ghcr.io/a/b:v1@sha256:abc"));
  }

  @Test
  void movesCompareTagsThenDigests() {
    assertArrayEquals(new String[] {"build-1", "build-2"},
        ImageRef.parse("r:5000/a:build-1").movesTo(ImageRef.parse("r:5000/a:build-2")));
    assertArrayEquals(new String[] {"sha256:1", "sha256:2"},
        ImageRef.parse("r/a@sha256:1").movesTo(ImageRef.parse("r/a@sha256:2")));
    assertArrayEquals(new String[] {"sha256:1", "sha256:2"},
        ImageRef.parse("r/a:v1@sha256:1").movesTo(ImageRef.parse("r/a:v1@sha256:2")));
    assertArrayEquals(new String[] {"latest", "v2"}, ImageRef.parse("r/a").movesTo(ImageRef.parse("r/a:v2")));
    assertNull(ImageRef.parse("r/a:v1").movesTo(ImageRef.parse("r/a:v1")));
    assertNull(ImageRef.parse("r/a:v1").movesTo(ImageRef.parse("r/b:v2")));
  }

  @Test
  void imageMovesInAnyPodSpecButNotHelmReleaseValues() {
    String base = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: platform}
        spec:
          template:
            spec:
              initContainers: [{name: migrate, image: "r.example.com:5000/api:build-1"}]
              containers:
              - {name: api, image: "r.example.com:5000/api:build-1"}
              - {name: sidecar, image: "envoy@sha256:aaa"}
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: backup}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  containers: [{name: backup, image: "tools/backup:1.0"}]
        ---
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: chart}
        spec:
          values:
            containers: [{name: x, image: "helm/thing:1"}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: debug}
        spec:
          containers: [{name: c, image: "busybox"}]
          ephemeralContainers: [{name: e, image: "busybox:1.36"}]
        """;
    String head = base.replace("api:build-1\"}]", "api:build-3\"}]").replace("api:build-1\"}\n", "api:build-3\"}\n")
        .replace("envoy@sha256:aaa", "envoy@sha256:bbb").replace("tools/backup:1.0", "tools/backup:1.1")
        .replace("helm/thing:1", "helm/thing:2").replace("image: \"busybox\"", "image: \"busybox:1.37\"")
        .replace("busybox:1.36", "busybox:1.37");
    assertEquals(List.of(
        new ImageMoves.Move("busybox", "1.36", "1.37"),
        new ImageMoves.Move("busybox", "latest", "1.37"),
        new ImageMoves.Move("envoy", "sha256:aaa", "sha256:bbb"),
        new ImageMoves.Move("r.example.com:5000/api", "build-1", "build-3"),
        new ImageMoves.Move("tools/backup", "1.0", "1.1")), ImageMoves.between(base, head));
    assertEquals(List.of(), ImageMoves.between(base, base));
    assertEquals(List.of(), ImageMoves.between(null, head));
  }

  @Test
  void webUrlsFromCloneUrls() {
    assertEquals("https://github.com/acme/infra", WebUrls.derive("https://github.com/acme/infra.git"));
    assertEquals("https://github.com/acme/infra", WebUrls.derive("git@github.com:acme/infra.git"));
    assertEquals("https://gitlab.example.com/g/sub/infra", WebUrls.derive("ssh://git@gitlab.example.com:2222/g/sub/infra.git"));
    assertNull(WebUrls.derive("/srv/git/infra"));
    assertNull(WebUrls.derive("https://bitbucket.org/acme/infra.git"));
    assertEquals("https://github.com/a/b/commit/abc", WebUrls.commit("https://github.com/a/b/", "abc"));
    assertEquals("https://gitlab.com/a/b/-/compare/v1...v2", WebUrls.compare("https://gitlab.com/a/b", "v1", "v2"));
    assertNull(WebUrls.compare(null, "v1", "v2"));
  }

  @Test
  void locationsRelativeToTheGitOpsRepository() {
    assertEquals("https://github.com/acme/api.git", Locations.resolve("https://github.com/acme/infra.git", "../api.git"));
    assertEquals("git@github.com:acme/api", Locations.resolve("git@github.com:acme/infra.git", "../api"));
    assertEquals("/srv/components/api", Locations.resolve("/srv/infra", "../components/api"));
    assertEquals("/abs/api", Locations.resolve("/srv/infra", "/abs/api"));
    assertEquals("https://x.example.com/api", Locations.resolve("/srv/infra", "https://x.example.com/api"));
    assertEquals("/srv", Locations.parent("/srv/components.json"));
  }

  @Test
  void sectionsWithDefaults() throws Exception {
    ChangelogSettings none = ChangelogSettings.of(ForesightConfig.parse("profiles: []\n"));
    assertEquals(200, none.maxCommits());
    assertEquals("master", none.upstreamOf("staging"));
    assertEquals("staging", none.upstreamOf("production"));
    assertNull(none.upstreamOf("master"));
    ChangelogSettings set = ChangelogSettings.of(ForesightConfig.parse("""
        changelog:
          webUrl: https://github.com/acme/infra
          maxCommits: 50
          tickets: {pattern: 'OPS-\\d+', url: 'https://jira.example.com/browse/{key}'}
          componentsFile: ../components.json
          components:
            registry.example.com/api: {repository: ../api, webUrl: https://github.com/acme/api, name: API}
            registry.example.com/ui: git@github.com:acme/ui.git
        promotions:
          branches: [qa, prod]
          upstream: {prod: qa}
        """));
    assertEquals(50, set.maxCommits());
    assertEquals("../components.json", set.componentsFile());
    assertEquals(List.of(new Ticket("OPS-1", "https://jira.example.com/browse/OPS-1")), set.tickets().tickets("OPS-1 DS-2"));
    assertEquals("API", set.component("registry.example.com/api").orElseThrow().displayName());
    assertEquals("ui", set.component("registry.example.com/ui").orElseThrow().displayName());
    assertEquals("master", set.upstreamOf("qa"));
    assertEquals("qa", set.upstreamOf("prod"));
    assertNull(set.upstreamOf("staging"));
  }

  @Test
  void malformedSectionsSayWhere() {
    var e = assertThrows(ForesightConfig.InvalidException.class, () -> ChangelogSettings.of(ForesightConfig.parse(
        "changelog:\n  maxCommits: many\n")));
    assertEquals("foresight.yaml:2: changelog.maxCommits must be a positive whole number, was 'many'", e.getMessage());
    e = assertThrows(ForesightConfig.InvalidException.class, () -> ChangelogSettings.of(ForesightConfig.parse(
        "changelog:\n  components:\n    r/api: {webUrl: x}\n")));
    assertTrue(e.getMessage().startsWith("foresight.yaml:3: changelog.components.r/api needs repository"), e.getMessage());
    e = assertThrows(ForesightConfig.InvalidException.class, () -> ChangelogSettings.of(ForesightConfig.parse(
        "changelog:\n  tickets: {url: 'https://jira/browse/'}\n")));
    assertTrue(e.getMessage().contains("changelog.tickets.url must contain {key}"), e.getMessage());
  }

  @Test
  void componentsFileEntriesAreRelativeToTheFile() {
    Map<String, ChangelogSettings.Component> map = ChangelogSettings.componentsFile(
        "{\"registry.example.com/platform/ui\": \"components/ui\"}", "/gen/components.json", "/gen");
    assertEquals(new ChangelogSettings.Component("/gen/components/ui", null, null), map.get("registry.example.com/platform/ui"));
    assertThrows(IllegalArgumentException.class, () -> ChangelogSettings.componentsFile("[1]", "f.json", "/"));
  }
}
