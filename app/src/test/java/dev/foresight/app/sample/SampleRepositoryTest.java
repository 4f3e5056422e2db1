package dev.foresight.app.sample;

import dev.foresight.app.Cli;

import dev.foresight.app.Tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.app.sample.SampleRepository.RefUpdate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleRepositoryTest {

  private static final Pattern SUBJECT = Pattern.compile("[A-Z]+-\\d+: .+ \\(#\\d+\\)");
  private static final List<String> ENTRY_POINTS = List.of(
      "apps/overlays/development", "apps/overlays/staging", "apps/overlays/production",
      "infrastructure/overlays/development", "infrastructure/overlays/staging",
      "infrastructure/overlays/production",
      "profiles/development", "profiles/staging", "profiles/production");

  /** {@code git log 1.4.1..1.4.2} of the web component, newest first. */
  private static final List<String> WEB_1_4_1_TO_1_4_2 = List.of(
      "DS-4910: release 1.4.2 (#33)",
      "DS-4907: raise the checkout timeout to 10 s for large carts (#32)",
      "DS-4903: retry the checkout call once when it times out (#31)");

  @TempDir Path tmp;

  @Test
  void historyHasPushesToMasterThenAPromotionOfStaging() throws Exception {
    SampleRepository.Sample sample = SampleRepository.create(tmp.resolve("repo"));
    List<RefUpdate> updates = sample.refUpdates();

    assertEquals(List.of("push", "push", "push", "push", "promotion"),
        updates.stream().map(RefUpdate::kind).toList());
    for (int i = 1; i < 4; i++) {
      assertEquals(updates.get(i - 1).after(), updates.get(i).before(), "pushes chain on master");
    }
    RefUpdate promotion = updates.get(4);
    assertEquals(SampleRepository.STAGING, promotion.ref());
    assertEquals(updates.get(0).before(), promotion.before(), "staging starts at the initial commit");
    assertEquals(updates.get(3).after(), promotion.after(), "staging ends at master");

    try (Git git = Git.open(sample.path().toFile())) {
      Repository repo = git.getRepository();
      assertEquals(promotion.after(), repo.resolve(SampleRepository.MASTER).name());
      assertEquals(promotion.after(), repo.resolve(SampleRepository.STAGING).name());
      assertEquals(updates.get(0).before(), repo.resolve(SampleRepository.PRODUCTION).name());
      assertEquals("master", repo.getBranch());
      assertTrue(git.status().call().isClean(), "work tree matches master");

      List<RevCommit> commits = new ArrayList<>();
      git.log().add(repo.resolve(SampleRepository.MASTER)).call().forEach(commits::add);
      assertEquals(5, commits.size());
      Set<String> authors = new HashSet<>();
      for (RevCommit commit : commits) {
        assertTrue(SUBJECT.matcher(commit.getShortMessage()).matches(), commit.getShortMessage());
        assertTrue(commit.getParentCount() <= 1, "linear history");
        authors.add(commit.getAuthorIdent().getName());
      }
      assertTrue(authors.size() >= 3, "several named authors: " + authors);
    }
  }

  @Test
  void commitIdsAreTheSameOnEveryRun() throws Exception {
    SampleRepository.Sample first = SampleRepository.create(tmp.resolve("a/repo"));
    SampleRepository.Sample second = SampleRepository.create(tmp.resolve("b/repo"));
    assertEquals(first.refUpdates(), second.refUpdates());
    assertEquals(tags(first.components().get("web")), tags(second.components().get("web")),
        "component commits and tags are the same too");
  }

  @Test
  void theWebComponentRepositoryIsBesideTheSampleWithTheTagsTheImageMovesBetween() throws Exception {
    SampleRepository.Sample sample = SampleRepository.create(tmp.resolve("repo"));
    Path web = sample.components().get("web");
    assertEquals(tmp.resolve("components/web"), web, "where foresight.yaml's ../components/web points");
    assertEquals(Set.of("1.4.1", "1.4.2"), tags(web).keySet());
    try (Git git = Git.open(web.toFile())) {
      Repository repo = git.getRepository();
      assertTrue(git.status().call().isClean());
      List<String> between = new ArrayList<>();
      git.log().addRange(repo.resolve("refs/tags/1.4.1^{commit}"), repo.resolve("refs/tags/1.4.2^{commit}")).call()
          .forEach(c -> between.add(c.getShortMessage()));
      assertEquals(WEB_1_4_1_TO_1_4_2, between);
      List<RevCommit> all = new ArrayList<>();
      git.log().call().forEach(all::add);
      assertTrue(all.size() > between.size() + 1, "commits before 1.4.1 and after 1.4.2 too");
      for (RevCommit commit : all) {
        assertTrue(SUBJECT.matcher(commit.getShortMessage()).matches(), commit.getShortMessage());
        assertTrue(commit.getAuthorIdent().getWhenAsInstant().isBefore(java.time.Instant.parse("2025-03-03T09:00:00Z")),
            "released before the GitOps history starts");
      }
    }
  }

  @Test
  void foresightYamlFromTheFirstCommitMapsTheWebImageAndKeepsProfileDiscovery() throws Exception {
    SampleRepository.Sample sample = SampleRepository.create(tmp.resolve("repo"));
    try (Git git = Git.open(sample.path().toFile())) {
      Path initial = checkout(git.getRepository(), ObjectId.fromString(sample.refUpdates().get(0).before()),
          tmp.resolve("initial"));
      String yaml = Files.readString(initial.resolve("foresight.yaml"));
      assertTrue(yaml.contains("ghcr.io/example/web:") && yaml.contains("repository: ../components/web"), yaml);
      assertTrue(yaml.contains("url: https://jira.example.com/browse/{key}"), yaml);
      assertFalse(yaml.lines().anyMatch(l -> l.startsWith("profiles:")), "no profiles: key, so profiles/ is discovered: " + yaml);
      String kustomization = Files.readString(initial.resolve("apps/base/web/kustomization.yaml"));
      assertTrue(kustomization.contains("newTag: 1.4.1"), kustomization);
    }
    String bumped = Files.readString(sample.path().resolve("apps/base/web/kustomization.yaml"));
    assertTrue(bumped.contains("newTag: 1.4.2"), bumped);
  }

  /** The promotion's report, as {@code foresight diff} builds it, lists what the web bump ships. */
  @Test
  void thePromotionsReportChangelogListsTheWebCommitsBetweenTheTags() throws Exception {
    SampleRepository.Sample sample = SampleRepository.create(tmp.resolve("repo"));
    RefUpdate promotion = sample.refUpdates().get(4);
    JsonNode report = diffJson(sample, promotion);

    assertTrue(report.path("error").isNull(), report.path("error").toString());
    JsonNode changelog = report.path("changelog");
    List<String> gitops = new ArrayList<>();
    changelog.path("commits").forEach(c -> gitops.add(c.path("subject").asText()));
    assertEquals(4, gitops.size(), gitops.toString());
    assertEquals(1, changelog.path("components").size(), changelog.toString());
    JsonNode web = changelog.path("components").get(0);
    assertEquals("web", web.path("name").asText());
    assertEquals("ghcr.io/example/web", web.path("image").asText());
    assertEquals("1.4.1", web.path("from").asText());
    assertEquals("1.4.2", web.path("to").asText());
    assertTrue(web.path("error").isNull(), web.path("error").toString());
    List<String> subjects = new ArrayList<>();
    web.path("commits").forEach(c -> subjects.add(c.path("subject").asText()));
    assertEquals(WEB_1_4_1_TO_1_4_2, subjects);
    JsonNode release = web.path("commits").get(0);
    assertEquals(33, release.path("pr").asInt());
    assertEquals("https://jira.example.com/browse/DS-4910", release.path("tickets").get(0).path("url").asText());
    List<String> profiles = new ArrayList<>();
    report.path("profiles").forEach(p -> profiles.add(p.path("name").asText()));
    assertEquals(List.of("development", "production", "staging"), profiles.stream().sorted().toList(),
        "profiles/ is still discovered with foresight.yaml present");
  }

  private static JsonNode diffJson(SampleRepository.Sample sample, RefUpdate update) throws Exception {
    Cli.Run run = Cli.run("diff", "--data-dir", sample.path().resolveSibling("data").toString(),
        "--repo", sample.path().toString(), "--ref", update.ref(), update.before(), update.after(),
        "--format", "json");
    assertEquals(0, run.exitCode(), run.printed());
    return new ObjectMapper().readTree(run.out());
  }

  /** Tag name → the commit it points at. */
  private static Map<String, String> tags(Path repository) throws Exception {
    Map<String, String> tags = new java.util.TreeMap<>();
    try (Git git = Git.open(repository.toFile())) {
      for (var ref : git.getRepository().getRefDatabase().getRefsByPrefix("refs/tags/")) {
        tags.put(ref.getName().substring("refs/tags/".length()),
            git.getRepository().resolve(ref.getName() + "^{commit}").name());
      }
    }
    return tags;
  }

  @Test
  void refusesANonEmptyDirectory() throws IOException {
    Files.writeString(tmp.resolve("file"), "x");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SampleRepository.create(tmp));
    assertTrue(e.getMessage().contains("not empty"), e.getMessage());
  }

  @Test
  void refusesANonEmptyComponentDirectoryBeforeWritingAnything() throws IOException {
    Files.createDirectories(tmp.resolve("components/web"));
    Files.writeString(tmp.resolve("components/web/file"), "x");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SampleRepository.create(tmp.resolve("repo")));
    assertTrue(e.getMessage().contains(tmp.resolve("components/web") + " is not empty"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("repo")), "nothing built");
  }

  @Test
  void profilesHoldFluxKustomizationsWithSubstitution() throws IOException {
    Path repo = SampleRepository.create(tmp.resolve("repo")).path();
    for (String profile : List.of("development", "staging", "production")) {
      String apps = Files.readString(repo.resolve("profiles/" + profile + "/apps.yaml"));
      assertTrue(apps.contains("apiVersion: kustomize.toolkit.fluxcd.io/v1"), apps);
      assertTrue(apps.contains("path: ./apps/overlays/" + profile), apps);
      assertTrue(apps.contains("cluster_name: " + profile + "-cluster"), apps);
    }
    assertTrue(Files.readString(repo.resolve("apps/base/web/deployment.yaml")).contains("${cluster_name}"));
  }

  /** Every overlay and profile renders with kubectl at every commit, and every push changes a render. */
  @Test
  void everyEntryPointRendersWithKubectlAtEveryCommit() throws Exception {
    assumeTrue(kubectlAvailable(), "kubectl not found on PATH: skipping the render check of the sample repository");
    SampleRepository.Sample sample = SampleRepository.create(tmp.resolve("repo"));
    try (Git git = Git.open(sample.path().toFile())) {
      List<String> commits = new ArrayList<>();
      commits.add(sample.refUpdates().get(0).before());
      sample.refUpdates().stream().filter(u -> u.kind().equals("push")).forEach(u -> commits.add(u.after()));
      Map<String, String> previous = null;
      for (String commit : commits) {
        Path tree = checkout(git.getRepository(), ObjectId.fromString(commit), tmp.resolve("at-" + commit));
        Map<String, String> rendered = new LinkedHashMap<>();
        for (String entryPoint : ENTRY_POINTS) {
          rendered.put(entryPoint, kubectlKustomize(tree.resolve(entryPoint), commit));
        }
        if (previous != null) {
          assertNotEquals(previous, rendered, "commit " + commit + " changes no rendered object");
        }
        previous = rendered;
      }
      assertFalse(previous.get("apps/overlays/production").contains("replicas: 3"));
    }
  }

  private static Path checkout(Repository repo, ObjectId commitId, Path into) throws IOException {
    try (TreeWalk walk = new TreeWalk(repo)) {
      walk.addTree(repo.parseCommit(commitId).getTree());
      walk.setRecursive(true);
      while (walk.next()) {
        Path file = into.resolve(walk.getPathString());
        Files.createDirectories(file.getParent());
        Files.write(file, repo.open(walk.getObjectId(0)).getBytes());
      }
    }
    return into;
  }

  private static String kubectlKustomize(Path dir, String commit) throws Exception {
    Process process = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize " + dir + " timed out");
    assertEquals(0, process.exitValue(), "kubectl kustomize " + dir + " at " + commit + ":\n" + output);
    return output;
  }

  private static boolean kubectlAvailable() {
    return Tools.kubectl();
  }
}
