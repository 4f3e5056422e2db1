package dev.foresight.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ChangeIdsTest {

  static final String A = "a".repeat(40);
  static final String B = "b".repeat(40);

  @Test
  void sameChangeSameId() {
    assertEquals(ChangeIds.of("r", "refs/heads/staging", A, B), ChangeIds.of("r", "refs/heads/staging", A, B));
    assertEquals(16, ChangeIds.of("r", "refs/heads/staging", A, B).length());
  }

  @Test
  void aPromotionPullRequestAndItsMergeAreTwoChanges() {
    assertNotEquals(ChangeIds.of("r", "refs/heads/staging", 7, A, B), ChangeIds.of("r", "refs/heads/staging", A, B));
    assertNotEquals(ChangeIds.of("r", "refs/heads/staging", 7, A, B), ChangeIds.of("r", "refs/heads/staging", 8, A, B));
  }

  @Test
  void everyPartCounts() {
    String id = ChangeIds.of("r", "refs/heads/x", A, B);
    assertNotEquals(id, ChangeIds.of("s", "refs/heads/x", A, B));
    assertNotEquals(id, ChangeIds.of("r", "refs/heads/y", A, B));
    assertNotEquals(id, ChangeIds.of("r", "refs/heads/x", B, A));
  }

  @Test
  void aPullRequestIsItsNumberWhateverItsCommitsAChangeWithoutRefItsRange() {
    ChangeRequested pr = change("refs/heads/main", 12, A, B);
    assertEquals("r#pull/12", ChangeIds.reportKey(pr));
    assertEquals("r#pull/12", ChangeIds.reportKey(change("refs/heads/main", 12, B, A)));
    assertEquals("r#refs/heads/main", ChangeIds.reportKey(change("refs/heads/main", null, A, B)));
    assertEquals("r#aaaaaaa..bbbbbbb", ChangeIds.reportKey(change("", null, A, B)));
  }

  private static ChangeRequested change(String ref, Integer pr, String base, String head) {
    return ChangeRequested.newBuilder().setChangeId(ChangeIds.of("r", ref, pr, base, head)).setRepo("r")
        .setKind(pr != null ? ChangeKind.PULL_REQUEST : ChangeKind.PUSH).setRef(ref).setBase(base).setHead(head)
        .setSource("cli").setRequestedAt(java.time.Instant.EPOCH).setPullRequest(pr).build();
  }
}
