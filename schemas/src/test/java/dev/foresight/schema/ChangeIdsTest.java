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
}
