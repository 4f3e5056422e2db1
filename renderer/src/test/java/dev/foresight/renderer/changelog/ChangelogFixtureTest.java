package dev.foresight.renderer.changelog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.foresight.renderer.Renderer;
import dev.foresight.renderer.RendererConfig;
import dev.foresight.renderer.Tools;
import dev.foresight.renderer.flux.ForesightConfig;
import dev.foresight.renderer.git.GitMirrors;
import dev.foresight.renderer.remote.RemotePolicy;
import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.ChangeKind;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.Changelog;
import dev.foresight.schema.Commit;
import dev.foresight.schema.ComponentChange;
import dev.foresight.schema.RenderJob;
import dev.foresight.schema.RenderPlan;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.Ticket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changelogs and promotions on a generated GitOps repository and its component repositories
 * (tags build-NNNN): commits compared with what git itself lists.
 */
class ChangelogFixtureTest {

  private static final String JIRA = "https://jira.example.com/browse/{key}";
  private static final Pattern BUMP = Pattern.compile("^Bump (\\S+) to (build-\\d+) \\(#(\\d+)\\)$");
  private static final Pattern TICKET_PREFIX = Pattern.compile("^([A-Z]+-\\d+): ");
  private static final Pattern PR_SUFFIX = Pattern.compile("\\(#(\\d+)\\)$");

  @TempDir static Path tmp;

  static Path gen;
  static String infra;
  static String bump;
  static String bumpSubject;
  static String configCommit;
  static Renderer renderer;
  static GitMirrors mirrors;

  @BeforeAll
  static void generate() throws Exception {
    String prop = System.getProperty("foresight.shared");
    // the build sets foresight.shared; else ../shared beside the project root (tests run in the module directory)
    Path shared = prop != null ? Path.of(prop) : Path.of("..", "..", "shared");
    assumeTrue(Files.isRegularFile(shared.resolve("fixtures/gitops-repo-gen.py")),
        "no fixtures/gitops-repo-gen.py under foresight.shared (" + prop + ") nor ../../shared: skipping changelog"
            + " fixture tests");
    assumeTrue(Tools.onPath("python3") && Tools.onPath("git"), "python3 or git not on PATH: skipping changelog fixture tests");
    gen = tmp.resolve("gen");
    run(tmp, "python3", shared.resolve("fixtures/gitops-repo-gen.py").toString(), gen.toString(),
        "--apps", "4", "--profiles", "3", "--commits", "30");
    Path infraDir = gen.resolve("infra");
    infra = infraDir.toString();
    for (String line : git(infraDir, "log", "--format=%H %s", "master").split("\n")) {
      String subject = line.substring(41);
      if (BUMP.matcher(subject).matches()) {
        bump = line.substring(0, 40);
        bumpSubject = subject;
        break;
      }
    }
    assertNotNull(bump, "no Bump commit on master");
    // a branch whose head configures the changelog on top of the bump
    git(infraDir, "checkout", "-q", "-b", "changelog", bump);
    Files.writeString(infraDir.resolve("foresight.yaml"), "changelog:\n  componentsFile: ../components.json\n"
        + "  tickets: {url: \"" + JIRA + "\"}\n");
    git(infraDir, "add", "foresight.yaml");
    git(infraDir, "-c", "user.name=Test", "-c", "user.email=t@example.com", "commit", "-q", "-m",
        "OPS-1: configure the changelog");
    configCommit = git(infraDir, "rev-parse", "HEAD").strip();
    git(infraDir, "checkout", "-q", "master");
    Path data = tmp.resolve("data");
    renderer = new Renderer(new RendererConfig(data, "k".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(120)));
    mirrors = new GitMirrors(tmp.resolve("data2"));
  }

  @AfterAll
  static void close() {
    if (renderer != null) {
      renderer.close();
      mirrors.close();
    }
  }

  @Test
  void planListsTheGitOpsCommitsAndRenderListsTheComponentCommits() throws Exception {
    String base = git(gen.resolve("infra"), "rev-parse", bump + "^").strip();
    ChangeRequested change = change("refs/heads/changelog", ChangeKind.PUSH, base, configCommit, null);
    RenderPlan plan = renderer.plan(change);
    assertNull(plan.getError(), plan.getError());
    Changelog changelog = plan.getChangelog();
    assertNull(changelog.getError());
    assertFalse(changelog.getTruncated());
    assertEquals(List.of(configCommit, bump), shas(changelog.getCommits()));
    assertEquals(List.of("OPS-1: configure the changelog", bumpSubject),
        changelog.getCommits().stream().map(Commit::getSubject).toList());
    Matcher bumped = BUMP.matcher(bumpSubject);
    assertTrue(bumped.matches());
    assertEquals(Integer.valueOf(bumped.group(3)), changelog.getCommits().get(1).getPr());
    assertNull(changelog.getCommits().get(0).getPr());
    assertEquals(List.of(new Ticket("OPS-1", "https://jira.example.com/browse/OPS-1")),
        changelog.getCommits().get(0).getTickets());
    assertEquals("Test", changelog.getCommits().get(0).getAuthor());
    assertNull(changelog.getCommits().get(0).getUrl(), "a local path has no web URL");

    String app = bumped.group(1);
    String to = bumped.group(2);
    String image = "registry.example.com/platform/" + app;
    Path component = gen.resolve("components").resolve(app);
    // base has no foresight.yaml: the component repositories are named only by the change itself
    List<ComponentChange> refused = components(plan);
    assertFalse(refused.isEmpty());
    for (ComponentChange c : refused) {
      assertEquals("component repository " + component + " named only by the pull request: not fetched (see"
          + " report.remote) (no remote is allowed (render.remote.allow is empty)); it is fetched once the change is"
          + " merged, or allow it with render.remote.allow of foresight.yaml on the base branch / FORESIGHT_REMOTE_ALLOW",
          c.getError());
      assertEquals(List.of(), c.getCommits());
    }
    renderer.setRemotePolicy(RemotePolicy.of(List.of("file://" + gen.resolve("components") + "/*")));
    List<ComponentChange> all;
    try {
      all = components(plan);
    } finally {
      renderer.setRemotePolicy(RemotePolicy.NONE);
    }
    List<ComponentChange> moved = all.stream().filter(c -> c.getImage().equals(image)).toList();
    assertFalse(moved.isEmpty(), "no result moves " + image + ": " + all);
    assertEquals(all.size(), moved.size(), "only the bumped image moves: " + all);
    for (ComponentChange c : moved) {
      assertNull(c.getError(), c.getError());
      assertEquals(app, c.getName());
      assertEquals(to, c.getTo());
      assertEquals(component.toString(), c.getRepository());
      String previous = git(gen.resolve("infra"), "show", base + ":apps/overlays/development/kustomization.yaml");
      assertTrue(previous.contains("- name: " + image + "\n  newTag: " + c.getFrom() + "\n"), previous);
      List<String> expected = lines(git(component, "log", "--format=%H", c.getFrom() + ".." + c.getTo()));
      assertFalse(expected.isEmpty());
      assertEquals(expected, shas(c.getCommits()));
      List<String> subjects = lines(git(component, "log", "--format=%s", c.getFrom() + ".." + c.getTo()));
      assertEquals(subjects, c.getCommits().stream().map(Commit::getSubject).toList());
      for (Commit commit : c.getCommits()) {
        Matcher key = TICKET_PREFIX.matcher(commit.getSubject());
        assertTrue(key.find(), commit.getSubject());
        assertEquals(List.of(new Ticket(key.group(1), JIRA.replace("{key}", key.group(1)))), commit.getTickets());
        Matcher pr = PR_SUFFIX.matcher(commit.getSubject());
        assertTrue(pr.find());
        assertEquals(Integer.valueOf(pr.group(1)), commit.getPr());
      }
    }
  }

  /** The component changes of every pair of {@code plan}, each naming its one pair. */
  private static List<ComponentChange> components(RenderPlan plan) {
    List<ComponentChange> all = new ArrayList<>();
    for (RenderJob job : renderer.jobs(plan)) {
      RenderResult result = renderer.render(job);
      for (ComponentChange component : result.getComponents()) {
        assertEquals(List.of(job.getProfile() + "/" + job.getKustomization()), component.getPairs());
        all.add(component);
      }
    }
    return all;
  }

  @Test
  void aComponentRepositoryIsFetchedWhenBaseNamesItNeverWhenOnlyTheChangeDoes() throws Exception {
    Changelogs changelogs = new Changelogs(mirrors);
    String to = lines(git(gen.resolve("components/ui"), "tag", "--list", "build-*", "--sort=-version:refname")).get(0);
    String from = deployment("registry.example.com/platform/ui:build-1000");
    String moved = deployment("registry.example.com/platform/ui:" + to);
    // base = head = the commit that configures the changelog: base names the repository
    ChangeRequested merged = change("refs/heads/changelog", ChangeKind.PUSH, configCommit, configCommit, null);
    ComponentChange ui = changelogs.components(merged, "p/ks", from, moved, RemotePolicy.NONE).get(0);
    assertNull(ui.getError(), ui.getError());
    assertFalse(ui.getCommits().isEmpty());
    // base without foresight.yaml: head alone names it, nothing is fetched
    ChangeRequested pr = change("refs/pull/7/merge", ChangeKind.PULL_REQUEST, bump, configCommit, 7);
    ComponentChange refused = changelogs.components(pr, "p/ks", from, moved, RemotePolicy.NONE).get(0);
    assertTrue(refused.getError().startsWith("component repository " + gen.resolve("components/ui")
        + " named only by the pull request: not fetched"), refused.getError());
    // an allow-list with a wildcard host never reaches a non-public address the change names
    Path infraDir = gen.resolve("infra");
    git(infraDir, "checkout", "-q", "-b", "metadata-address", configCommit);
    Files.writeString(infraDir.resolve("foresight.yaml"), "changelog:\n  components:\n"
        + "    registry.example.com/platform/ui: http://169.254.169.254/latest/meta-data.git\n"
        + "    registry.example.com/platform/api: http://2130706433/repo.git\n");
    git(infraDir, "-c", "user.name=Test", "-c", "user.email=t@example.com", "commit", "-q", "-am", "point at metadata");
    String evil = git(infraDir, "rev-parse", "HEAD").strip();
    git(infraDir, "checkout", "-q", "master");
    ChangeRequested ssrf = change("refs/pull/8/merge", ChangeKind.PULL_REQUEST, configCommit, evil, 8);
    RemotePolicy anyHttp = RemotePolicy.of(List.of("http://*"));
    List<ComponentChange> both = changelogs.components(ssrf, "p/ks",
        from + "---\n" + deployment("registry.example.com/platform/api:build-1000").replace("name: web", "name: api"),
        moved + "---\n" + deployment("registry.example.com/platform/api:" + to).replace("name: web", "name: api"), anyHttp);
    assertEquals(2, both.size());
    for (ComponentChange c : both) {
      assertTrue(c.getError().contains("named only by the pull request: not fetched")
          && c.getError().contains("is a non-public address"), c.getError());
    }
  }

  @Test
  void longRangeMatchesGitLog() throws Exception {
    Path infraDir = gen.resolve("infra");
    String base = git(infraDir, "rev-parse", "production").strip();
    String head = git(infraDir, "rev-parse", "master").strip();
    Changelogs changelogs = new Changelogs(mirrors);
    ChangelogSettings settings = ChangelogSettings.of(ForesightConfig.parse(
        "changelog:\n  webUrl: https://github.com/acme/infra\n  tickets: {url: '" + JIRA + "'}\n"));
    Changelog changelog = changelogs.gitops(change("refs/heads/master", ChangeKind.PUSH, base, head, null), settings);
    assertNull(changelog.getError());
    int count = Integer.parseInt(git(infraDir, "rev-list", "--count", base + ".." + head).strip());
    assertTrue(count > 5, "range " + count);
    assertEquals(count, changelog.getCommits().size());
    assertEquals(lines(git(infraDir, "log", "--format=%H", base + ".." + head)), shas(changelog.getCommits()));
    List<String> subjects = lines(git(infraDir, "log", "--format=%s", base + ".." + head));
    assertEquals(subjects, changelog.getCommits().stream().map(Commit::getSubject).toList());
    int tickets = 0;
    for (Commit commit : changelog.getCommits()) {
      Matcher pr = PR_SUFFIX.matcher(commit.getSubject());
      assertEquals(pr.find() ? Integer.valueOf(pr.group(1)) : null, commit.getPr(), commit.getSubject());
      Matcher key = TICKET_PREFIX.matcher(commit.getSubject());
      assertEquals(key.find() ? List.of(new Ticket(key.group(1), JIRA.replace("{key}", key.group(1)))) : List.of(),
          commit.getTickets(), commit.getSubject());
      tickets += commit.getTickets().size();
      assertEquals("https://github.com/acme/infra/commit/" + commit.getSha(), commit.getUrl());
    }
    assertTrue(tickets > 0, "the generator writes DS-/PWX- keys");

    ChangelogSettings five = ChangelogSettings.of(ForesightConfig.parse("changelog:\n  maxCommits: 5\n"));
    Changelog cut = changelogs.gitops(change("refs/heads/master", ChangeKind.PUSH, base, head, null), five);
    assertTrue(cut.getTruncated());
    assertEquals(shas(changelog.getCommits()).subList(0, 5), shas(cut.getCommits()));
  }

  @Test
  void createdRefListsAtMostTheLimit() throws Exception {
    Path infraDir = gen.resolve("infra");
    String head = git(infraDir, "rev-parse", "master").strip();
    Changelogs changelogs = new Changelogs(mirrors);
    ChangeRequested created = change("refs/heads/master", ChangeKind.PUSH, ChangeIds.ZERO_SHA, head, null);
    Changelog all = changelogs.gitops(created, ChangelogSettings.DEFAULT);
    assertFalse(all.getTruncated());
    assertEquals(Integer.parseInt(git(infraDir, "rev-list", "--count", head).strip()), all.getCommits().size());
    Changelog three = changelogs.gitops(created, ChangelogSettings.of(ForesightConfig.parse("changelog: {maxCommits: 3}\n")));
    assertTrue(three.getTruncated());
    assertEquals(lines(git(infraDir, "log", "-3", "--format=%H", head)), shas(three.getCommits()));
  }

  @Test
  void missingCommitIsSaidPlainly() {
    ChangeRequested change = change("refs/heads/master", ChangeKind.PUSH, bump, "1234567890123456789012345678901234567890",
        null);
    RenderPlan plan = renderer.plan(change);
    assertNotNull(plan.getChangelog());
    assertTrue(plan.getChangelog().getError().contains("commit 1234567 not found in " + infra),
        plan.getChangelog().getError());
    assertEquals(List.of(), plan.getChangelog().getCommits());
  }

  @Test
  void unresolvableTagAndUnmappedImage() throws Exception {
    Changelogs changelogs = new Changelogs(mirrors);
    ChangelogSettings settings = ChangelogSettings.of(ForesightConfig.parse(
        "changelog:\n  componentsFile: ../components.json\n"));
    ChangeRequested change = change("refs/heads/changelog", ChangeKind.PUSH, bump, configCommit, null);
    List<ComponentChange> missingTag = changelogs.components(change, settings, "development/apps",
        deployment("registry.example.com/platform/ui:build-1000"), deployment("registry.example.com/platform/ui:build-9999"));
    assertEquals(1, missingTag.size());
    String error = missingTag.get(0).getError();
    assertTrue(error.matches("tag build-9999 not found in " + Pattern.quote(gen.resolve("components/ui").toString())
        + " \\(fetched \\d{4}-\\d\\d-\\d\\dT[0-9:]+Z\\)"), error);
    assertEquals(List.of("development/apps"), missingTag.get(0).getPairs());

    List<ComponentChange> unmapped = changelogs.components(change, settings, "development/apps",
        deployment("other.example.com:5000/team/x:1"), deployment("other.example.com:5000/team/x:2"));
    assertEquals("no component repository configured for image other.example.com:5000/team/x; add it under"
        + " changelog.components in foresight.yaml or to ../components.json", unmapped.get(0).getError());
    assertEquals("1", unmapped.get(0).getFrom());
    assertEquals("2", unmapped.get(0).getTo());
    assertNull(unmapped.get(0).getRepository());

    ChangelogSettings inline = ChangelogSettings.of(ForesightConfig.parse(
        "changelog:\n  components:\n    registry.example.com/platform/ui: {repository: ../components/ui, name: web,"
            + " webUrl: 'https://github.com/acme/ui'}\n"));
    String to = lines(git(gen.resolve("components/ui"), "tag", "--list", "build-*", "--sort=-version:refname")).get(0);
    ComponentChange ui = changelogs.components(change, inline, "p/ks",
        deployment("registry.example.com/platform/ui:build-1000"), deployment("registry.example.com/platform/ui:" + to))
        .get(0);
    assertNull(ui.getError());
    assertEquals("web", ui.getName());
    assertEquals("https://github.com/acme/ui/compare/build-1000..." + to, ui.getUrl());
    assertEquals(lines(git(gen.resolve("components/ui"), "log", "--format=%H", "build-1000.." + to)), shas(ui.getCommits()));
  }

  @Test
  void headSettingsAreParsedOncePerHeadCommit() throws Exception {
    Changelogs changelogs = new Changelogs(mirrors);
    ChangeRequested change = change("refs/heads/settings", ChangeKind.PUSH, bump, configCommit, null);
    ChangelogSettings first = changelogs.settings(change);
    assertSame(first, changelogs.settings(change), "plan, promotion and every pair of a change read the same head");
  }

  @Test
  void aTagMissingOnceIsFoundWhenPushedLater() throws Exception {
    Path component = tmp.resolve("late-tag");
    Files.createDirectories(component);
    git(component, "init", "-q", "-b", "main");
    git(component, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "first");
    git(component, "tag", "v1");
    Changelogs changelogs = new Changelogs(mirrors, Duration.ZERO);
    ChangelogSettings settings = ChangelogSettings.of(ForesightConfig.parse(
        "changelog:\n  components:\n    registry.example.com/late: " + component + "\n"));
    ChangeRequested change = change("refs/heads/late", ChangeKind.PUSH, bump, configCommit, null);
    String from = deployment("registry.example.com/late:v1");
    String to = deployment("registry.example.com/late:v2");
    ComponentChange missing = changelogs.components(change, settings, "p/ks", from, to).get(0);
    assertTrue(missing.getError() != null && missing.getError().startsWith("tag v2 not found"), missing.getError());

    git(component, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "second");
    git(component, "tag", "v2");
    ComponentChange found = changelogs.components(change, settings, "p/ks", from, to).get(0);
    assertNull(found.getError(), "the error of the first lookup must not be memoised");
    assertEquals(lines(git(component, "log", "--format=%H", "v1..v2")), shas(found.getCommits()));
  }

  @Test
  void promotions() throws Exception {
    Path infraDir = gen.resolve("infra");
    String master = git(infraDir, "rev-parse", "master").strip();
    String staging = git(infraDir, "rev-parse", "staging").strip();
    String production = git(infraDir, "rev-parse", "production").strip();
    assertFalse(master.equals(staging) || staging.equals(production), "the generator leaves the branches apart");

    ChangeRequested ff = change("refs/heads/staging", ChangeKind.PUSH, staging, master, null);
    var verdict = renderer.promotion(ff);
    assertEquals(ChangeKind.PROMOTION, verdict.change().getKind(), verdict.reason());
    assertEquals(ff.getChangeId(), verdict.change().getChangeId());
    assertTrue(verdict.reason().startsWith("promotion: push to staging fast-forwards"), verdict.reason());
    assertEquals(ChangeKind.PROMOTION, renderer.plan(ff).getChange().getKind());

    var backwards = renderer.promotion(change("refs/heads/staging", ChangeKind.PROMOTION, master, staging, null));
    assertEquals(ChangeKind.PUSH, backwards.change().getKind());
    assertTrue(backwards.reason().contains("is not a fast-forward"), backwards.reason());

    String base = git(infraDir, "rev-parse", bump + "^").strip();
    var offUpstream = renderer.promotion(change("refs/heads/staging", ChangeKind.PROMOTION, base, configCommit, null));
    assertEquals(ChangeKind.PUSH, offUpstream.change().getKind());
    assertTrue(offUpstream.reason().contains("is not on master"), offUpstream.reason());

    var pr = renderer.promotion(change("refs/heads/staging", ChangeKind.PULL_REQUEST, staging, master, 999));
    assertEquals(ChangeKind.PROMOTION, pr.change().getKind(), pr.reason());
    assertEquals(999, pr.change().getPullRequest());

    assertEquals(ChangeKind.PROMOTION,
        renderer.promotion(change("refs/heads/production", ChangeKind.PUSH, production, staging, null)).change().getKind());
    assertEquals(ChangeKind.PUSH,
        renderer.promotion(change("refs/heads/production", ChangeKind.PROMOTION, production, master, null)).change()
            .getKind(), "master is not on staging yet");
    var onMaster = renderer.promotion(change("refs/heads/master", ChangeKind.PUSH, staging, master, null));
    assertEquals(ChangeKind.PUSH, onMaster.change().getKind());
    assertNull(onMaster.reason());
  }

  private static String deployment(String image) {
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: platform}\nspec:\n  template:\n"
        + "    spec:\n      containers:\n      - name: web\n        image: " + image + "\n";
  }

  private static ChangeRequested change(String ref, ChangeKind kind, String base, String head, Integer pr) {
    return ChangeRequested.newBuilder().setChangeId(ChangeIds.of(infra, ref, pr, base, head)).setRepo(infra)
        .setKind(kind).setRef(ref).setBase(base).setHead(head).setSource("test").setRequestedAt(Instant.now())
        .setPullRequest(pr).build();
  }

  private static List<String> shas(List<Commit> commits) {
    return commits.stream().map(Commit::getSha).toList();
  }

  private static List<String> lines(String text) {
    return Arrays.stream(text.split("\n")).filter(l -> !l.isBlank()).toList();
  }

  private static String git(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    return run(dir, command.toArray(String[]::new));
  }

  private static String run(Path dir, String... command) throws Exception {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + " failed: " + out);
    return out;
  }
}
