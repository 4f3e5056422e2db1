package dev.foresight.ingest.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.ingest.Fixtures;
import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.ChangeKind;
import dev.foresight.schema.ChangeRequested;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GitHubEventsTest {

  static final String REPO = "https://github.com/Codertocat/Hello-World.git";
  static final String PR_BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
  static final String PR_HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
  static final Instant NOW = Instant.parse("2026-11-25T08:00:00.123Z");

  private final GitHubEvents events =
      new GitHubEvents(GitHubEvents.DEFAULT_PROMOTION_BRANCHES, Clock.fixed(NOW, ZoneOffset.UTC));

  private ChangeRequested change(String event, String file) {
    return events.toChange(event, "d-1", Fixtures.github(file)).orElseThrow(() -> new AssertionError(file + " rendered nothing"));
  }

  private static void assertChange(ChangeRequested c, ChangeKind kind, String repo, String ref, String base, String head,
      Integer pullRequest) {
    assertEquals(kind, c.getKind());
    assertEquals(repo, c.getRepo());
    assertEquals(ref, c.getRef());
    assertEquals(base, c.getBase());
    assertEquals(head, c.getHead());
    assertEquals(pullRequest, c.getPullRequest());
    assertEquals(ChangeIds.of(repo, ref, pullRequest, base, head), c.getChangeId());
    assertEquals("github-webhook", c.getSource());
    assertEquals("d-1", c.getDeliveryId());
    assertEquals(NOW, c.getRequestedAt());
  }

  @Test
  void push() {
    assertChange(change("push", "push.json"), ChangeKind.PUSH, REPO, "refs/heads/changes", PR_BASE, PR_HEAD, null);
    assertEquals("", events.interpret("push", "d-1", Fixtures.github("push.json")).note());
  }

  @Test
  void forcedPushKeepsBeforeAsBaseAndSaysSo() {
    GitHubDelivery d = events.interpret("push", "d-1", Fixtures.github("push.forced.json"));
    assertChange(d.change().orElseThrow(), ChangeKind.PUSH, REPO, "refs/heads/changes",
        "b9c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9", PR_HEAD, null);
    assertTrue(d.note().startsWith("forced push"), d.note());
  }

  @Test
  void createdBranchComparesAgainstZero() {
    GitHubDelivery d = events.interpret("push", "d-1", Fixtures.github("push.created-branch.json"));
    assertChange(d.change().orElseThrow(), ChangeKind.PUSH, REPO, "refs/heads/master", ChangeIds.ZERO_SHA,
        "6113728f27ae82c7b1a177c8d03f9e96e0adf246", null);
    assertEquals("created refs/heads/master", d.note());
  }

  @Test
  void createdTagIsAPushFromZero() {
    assertChange(change("push", "push.created-tag.ghes-3.5.json"), ChangeKind.PUSH,
        "https://octocoders.github.io/Codertocat/Hello-World.git", "refs/tags/simple-tag", ChangeIds.ZERO_SHA,
        "6113728f27ae82c7b1a177c8d03f9e96e0adf246", null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"push.deleted-branch.json", "push.deleted-tag.json"})
  void deletedRefsRenderNothing(String file) {
    GitHubDelivery d = events.interpret("push", "d-1", Fixtures.github(file));
    assertTrue(d.change().isEmpty());
    assertEquals(REPO, d.repo());
    assertTrue(d.note().startsWith("deleted refs/"), d.note());
  }

  @Test
  void pushToPromotionBranchIsAPromotion() {
    byte[] staging = replace(Fixtures.github("push.json"), "\"refs/heads/changes\"", "\"refs/heads/staging\"");
    assertChange(events.toChange("push", "d-1", staging).orElseThrow(), ChangeKind.PROMOTION, REPO,
        "refs/heads/staging", PR_BASE, PR_HEAD, null);
    GitHubEvents custom = new GitHubEvents(Set.of("changes"), Clock.fixed(NOW, ZoneOffset.UTC));
    assertEquals(ChangeKind.PROMOTION, custom.toChange("push", "d-1", Fixtures.github("push.json")).orElseThrow().getKind());
    assertEquals(ChangeKind.PUSH, custom.toChange("push", "d-1", staging).orElseThrow().getKind());
  }

  @ParameterizedTest
  @ValueSource(strings = {"pull_request.opened.json", "pull_request.synchronize.json", "pull_request.reopened.json"})
  void pullRequestRendersBaseToHead(String file) {
    assertChange(change("pull_request", file), ChangeKind.PULL_REQUEST, REPO, "refs/heads/master", PR_BASE, PR_HEAD, 2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"pull_request.closed.json", "pull_request.closed.merged.json"})
  void closedPullRequestRendersNothing(String file) {
    GitHubDelivery d = events.interpret("pull_request", "d-1", Fixtures.github(file));
    assertTrue(d.change().isEmpty());
    assertEquals("pull_request action 'closed'", d.note());
  }

  @Test
  void pingAndOtherEventsRenderNothing() {
    assertTrue(events.toChange("ping", "d-1", Fixtures.github("ping.json")).isEmpty());
    assertTrue(events.toChange("issues", "d-1", "{}".getBytes(StandardCharsets.UTF_8)).isEmpty());
  }

  @Test
  void nullDeliveryIdIsKept() {
    assertNull(events.toChange("push", null, Fixtures.github("push.json")).orElseThrow().getDeliveryId());
  }

  @Test
  void malformedPayloadsSayWhy() {
    MalformedPayloadException notJson = assertThrows(MalformedPayloadException.class,
        () -> events.interpret("push", "d-1", "{\"ref\": ".getBytes(StandardCharsets.UTF_8)));
    assertTrue(notJson.getMessage().startsWith("push payload is not valid JSON"), notJson.getMessage());
    MalformedPayloadException notObject = assertThrows(MalformedPayloadException.class,
        () -> events.interpret("push", "d-1", "[1]".getBytes(StandardCharsets.UTF_8)));
    assertEquals("push payload is not a JSON object", notObject.getMessage());
    byte[] noAfter = replace(Fixtures.github("push.json"), "\"after\"", "\"afterwards\"");
    MalformedPayloadException missing = assertThrows(MalformedPayloadException.class,
        () -> events.interpret("push", "d-1", noAfter));
    assertEquals("push payload: field 'after' is missing or not a string", missing.getMessage());
    MalformedPayloadException noRepo = assertThrows(MalformedPayloadException.class,
        () -> events.interpret("pull_request", "d-1", "{\"action\":\"opened\"}".getBytes(StandardCharsets.UTF_8)));
    assertTrue(noRepo.getMessage().contains("repository.clone_url"), noRepo.getMessage());
  }

  static byte[] replace(byte[] body, String from, String to) {
    String text = new String(body, StandardCharsets.UTF_8);
    assertTrue(text.contains(from), from);
    return text.replace(from, to).getBytes(StandardCharsets.UTF_8);
  }
}
