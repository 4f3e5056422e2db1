package dev.foresight.app.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
  void commitIdsAreTheSameOnEveryRun() {
    List<RefUpdate> first = SampleRepository.create(tmp.resolve("a")).refUpdates();
    List<RefUpdate> second = SampleRepository.create(tmp.resolve("b")).refUpdates();
    assertEquals(first, second);
  }

  @Test
  void refusesANonEmptyDirectory() throws IOException {
    Files.writeString(tmp.resolve("file"), "x");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SampleRepository.create(tmp));
    assertTrue(e.getMessage().contains("not empty"), e.getMessage());
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
    try {
      Process process = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
