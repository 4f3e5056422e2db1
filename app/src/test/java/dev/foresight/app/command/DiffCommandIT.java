package dev.foresight.app.command;

import dev.foresight.app.Cli;

import dev.foresight.app.Tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.app.sample.SampleRepository;
import dev.foresight.app.sample.SampleRepository.RefUpdate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code foresight diff} on the sample repository, as a user runs it: no Kafka. */
class DiffCommandIT {

  @TempDir static Path dir;
  static SampleRepository.Sample sample;


  @BeforeAll
  static void sample() throws Exception {
    Tools.assumeKubectl("the exec engine needs it; DiffCommandIT");
    sample = SampleRepository.create(dir.resolve("repo"));
  }

  static Cli.Run foresight(String... args) {
    return Cli.run(args);
  }

  String[] diff(String... more) {
    String[] base = {"diff", "--data-dir", dir.resolve("data").toString(), "--repo", sample.path().toString()};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void promotionAsJsonShowsTheReplicaChangeInProductionOnly() throws Exception {
    RefUpdate replicas = sample.refUpdates().get(1);
    Cli.Run run = foresight(diff(replicas.before(), replicas.after(), "--format", "json", "--exit-code"));

    assertEquals(1, run.exitCode(), "--exit-code: 1 when something differs; stderr: " + run.err());
    JsonNode report = new ObjectMapper().readTree(run.out());
    assertEquals(replicas.after(), report.path("change").path("head").asText());
    int changed = 0;
    for (JsonNode profile : report.path("profiles")) {
      for (JsonNode ks : profile.path("kustomizations")) {
        String status = ks.path("status").asText();
        assertTrue(status.equals("ok") || status.equals("skipped"), ks.toString());
        if (!ks.path("objects").isEmpty()) {
          assertEquals("ok", status);
          changed++;
          assertEquals("production", profile.path("name").asText());
          assertTrue(ks.path("objects").get(0).path("diff").asText().contains("+  replicas: 5"), ks.toString());
        }
      }
    }
    assertEquals(1, changed, "only production/apps changes");
    assertTrue(run.out().contains("\"skipped\""), "affected-only planning skips pairs no changed file reaches");
  }

  @Test
  void noChangeExitsZero() {
    Cli.Run run = foresight(diff("master", "master", "--exit-code", "--profile", "staging"));
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("No changes (2 kustomizations in 1 profile)"), "--profile filters: " + run.out());
  }

  @Test
  void markdownGoesToTheOutputFile() throws Exception {
    Path file = dir.resolve("report.md");
    Cli.Run run = foresight(diff(sample.refUpdates().get(0).before(), "master", "--format", "markdown", "--output",
        file.toString()));
    assertEquals(0, run.exitCode(), run.err());
    String md = Files.readString(file);
    assertTrue(md.contains("```diff"), md);
    assertTrue(md.startsWith("<!-- foresight:part 1/1 "), "each part starts with its marker: " + md);
  }

  @Test
  void shasNameNoRefAndAPullRequestKeepsItsMarkerAcrossPushes() throws Exception {
    RefUpdate first = sample.refUpdates().get(0);
    RefUpdate second = sample.refUpdates().get(1);
    Cli.Run shas = foresight(diff(first.before(), first.after(), "--format", "json"));
    assertEquals(0, shas.exitCode(), shas.err());
    JsonNode change = new ObjectMapper().readTree(shas.out()).path("change");
    assertTrue(change.path("ref").isNull(), "two shas name no ref: " + change);
    assertFalse(shas.out().contains("refs/heads/" + first.after()), shas.out());

    String marker = "<!-- foresight:part 1/1 " + dev.foresight.app.runtime.Revisions.repositoryRoot(sample.path()) + "#pull/41 -->";
    for (RefUpdate push : List.of(first, second)) {
      Cli.Run pr = foresight(diff(push.before(), push.after(), "--format", "markdown", "--pull-request", "41"));
      assertEquals(0, pr.exitCode(), pr.err());
      assertTrue(pr.out().startsWith(marker + "\n### Foresight: "), "the same marker after each push: " + pr.out());
      assertTrue(pr.out().contains(" pull request #41 "), pr.out());
    }
    Cli.Run merge = foresight(diff(first.before(), first.after(), "--format", "markdown", "--ref", "refs/pull/41/merge"));
    assertTrue(merge.out().startsWith(marker), merge.out());
  }

  @Test
  void markdownSplitsIntoNumberedPartsUnderASmallLimit() {
    Cli.Run run = foresight(diff(sample.refUpdates().get(0).before(), "master", "--format", "markdown",
        "--markdown-limit", "2000", "--report-url", "https://archive.example.com/r.html"));
    assertEquals(0, run.exitCode(), run.err());
    String[] parts = run.out().split("(?=<!-- foresight:part )");
    assertTrue(parts.length > 1, run.out());
    for (int i = 0; i < parts.length; i++) {
      assertTrue(parts[i].startsWith("<!-- foresight:part " + (i + 1) + "/" + parts.length + " "), parts[i]);
      assertTrue(parts[i].length() <= 2000, parts[i].length() + " chars");
    }
  }

  @Test
  void htmlSlackAndColours() throws Exception {
    String before = sample.refUpdates().get(0).before();
    Cli.Run html = foresight(diff(before, "master", "--format", "html"));
    assertEquals(0, html.exitCode(), html.err());
    assertTrue(html.out().startsWith("<!DOCTYPE html>") && html.out().contains("<nav>"), html.out());
    Cli.Run slack = foresight(diff(before, "master", "--format", "slack", "--report-url", "https://archive.example.com/r.html"));
    JsonNode payload = new ObjectMapper().readTree(slack.out());
    assertTrue(payload.path("blocks").size() > 1 && payload.path("text").isTextual(), slack.out());
    assertTrue(slack.out().contains("https://archive.example.com/r.html"), slack.out());
    Cli.Run always = foresight(diff(before, "master", "--color", "always"));
    assertTrue(always.out().contains("\u001b[32m"), "--color always: ANSI colours even into a pipe");
    Cli.Run never = foresight(diff(before, "master", "--color", "never"));
    assertTrue(!never.out().contains("\u001b["), never.out());
  }

  @Test
  void anUnknownRevisionIsAClearError() {
    Cli.Run run = foresight(diff("no-such-branch", "master"));
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("foresight diff: unknown revision no-such-branch in "), run.err());
  }
}
