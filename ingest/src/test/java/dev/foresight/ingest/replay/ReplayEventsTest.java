package dev.foresight.ingest.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.foresight.ingest.Fixtures;
import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.ChangeKind;
import dev.foresight.schema.ChangeRequested;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayEventsTest {

  static final String REPO = "/srv/git/infra";

  @Test
  void readsEveryKind() throws Exception {
    List<ChangeRequested> changes = ReplayEvents.read(Fixtures.resource("replay/pushes.jsonl"), REPO);
    assertEquals(4, changes.size());
    ChangeRequested first = changes.get(0);
    assertEquals(ChangeKind.PUSH, first.getKind());
    assertEquals("refs/heads/master", first.getRef());
    assertEquals(ChangeIds.ZERO_SHA, first.getBase());
    assertEquals("f30d2926c1074d8495ad95360b45f672223c3965", first.getHead());
    assertEquals(REPO, first.getRepo());
    assertEquals("replay", first.getSource());
    assertEquals(Instant.ofEpochSecond(1680003600), first.getRequestedAt());
    assertNull(first.getDeliveryId());
    assertNull(first.getPullRequest());
    assertEquals(ChangeIds.of(REPO, "refs/heads/master", ChangeIds.ZERO_SHA, first.getHead()), first.getChangeId());
    ChangeRequested pr = changes.get(2);
    assertEquals(ChangeKind.PULL_REQUEST, pr.getKind());
    assertEquals(913, pr.getPullRequest());
    assertEquals("refs/heads/staging", pr.getRef());
    assertEquals("f30d2926c1074d8495ad95360b45f672223c3965", pr.getBase());
    assertEquals("024482677f8b0005b896a7a26e0ec8591ca77bed", pr.getHead());
    assertEquals(ChangeKind.PROMOTION, changes.get(3).getKind());
    assertNull(changes.get(3).getPullRequest());
  }

  @Test
  void filtersByKindAndLimit() throws Exception {
    Path file = Fixtures.resource("replay/pushes.jsonl");
    assertEquals(List.of(ChangeKind.PROMOTION),
        ReplayEvents.readOnly(file, REPO, Set.of("promotion"), 10).stream().map(ChangeRequested::getKind).toList());
    assertEquals(1, ReplayEvents.readOnly(file, REPO, Set.of("push"), 1).size());
    assertEquals(0, ReplayEvents.readOnly(file, REPO, Set.of("push"), 0).size());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ReplayEvents.readOnly(file, REPO, Set.of("tag"), 1)).getMessage().contains("unknown replay kind 'tag'"));
  }

  @Test
  void brokenLineNamesFileAndLine() {
    Path file = Fixtures.resource("replay/broken.jsonl");
    ReplayFormatException e = assertThrows(ReplayFormatException.class, () -> ReplayEvents.read(file, REPO));
    assertEquals(2, e.line());
    assertEquals(file, e.file());
    assertTrue(e.getMessage().startsWith(file + ":2: not valid JSON"), e.getMessage());
  }

  @Test
  void missingFieldsAndUnknownKindsAreNamed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("log.jsonl");
    Files.writeString(file, "{\"kind\": \"push\", \"ref\": \"refs/heads/x\", \"before\": \"a\", \"time\": 1}\n");
    assertEquals(file + ":1: field 'after' is missing or not a string",
        assertThrows(ReplayFormatException.class, () -> ReplayEvents.read(file, REPO)).getMessage());
    Files.writeString(file, "\n[1]\n");
    assertEquals(file + ":2: expected a JSON object per line",
        assertThrows(ReplayFormatException.class, () -> ReplayEvents.read(file, REPO)).getMessage());
    Files.writeString(file, "{\"kind\": \"tag\", \"ref\": \"r\", \"before\": \"a\", \"after\": \"b\", \"time\": 1}\n");
    assertTrue(assertThrows(ReplayFormatException.class, () -> ReplayEvents.read(file, REPO)).getMessage()
        .startsWith(file + ":1: unknown kind 'tag'"));
    Files.writeString(file, "{\"kind\": \"pull_request\", \"ref\": \"r\", \"before\": \"a\", \"after\": \"b\", \"time\": 1}\n");
    assertEquals(file + ":1: field 'number' (pull request number) is missing or not an integer",
        assertThrows(ReplayFormatException.class, () -> ReplayEvents.read(file, REPO)).getMessage());
  }

  @Test
  void readsAGeneratedRepositoryLog(@TempDir Path dir) throws Exception {
    Path generator = Fixtures.shared().resolve("fixtures/gitops-repo-gen.py");
    assumeTrue(Files.isRegularFile(generator), "skipped: " + generator + " not found");
    Process process = new ProcessBuilder("python3", generator.toString(), dir.resolve("gen").toString(), "--commits", "20")
        .redirectErrorStream(true).redirectOutput(dir.resolve("gen.log").toFile()).start();
    assumeTrue(process.waitFor(120, TimeUnit.SECONDS) && process.exitValue() == 0,
        "skipped: generator failed (python3 or git missing?), see " + dir.resolve("gen.log"));
    Path log = dir.resolve("gen/pushes.jsonl");
    List<ChangeRequested> changes = ReplayEvents.read(log, REPO);
    long lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).count();
    assertEquals(lines, changes.size());
    assertTrue(changes.stream().anyMatch(c -> c.getKind() == ChangeKind.PUSH));
    assertTrue(changes.stream().anyMatch(c -> c.getKind() == ChangeKind.PROMOTION));
    assertTrue(changes.stream().filter(c -> c.getKind() == ChangeKind.PULL_REQUEST).allMatch(c -> c.getPullRequest() != null));
    for (ChangeRequested c : changes) {
      assertEquals(40, c.getHead().length(), c.toString());
      assertEquals("replay", c.getSource());
    }
    for (int i = 1; i < changes.size(); i++) {
      assertTrue(!changes.get(i).getRequestedAt().isBefore(changes.get(i - 1).getRequestedAt()), "time order");
    }
  }
}
