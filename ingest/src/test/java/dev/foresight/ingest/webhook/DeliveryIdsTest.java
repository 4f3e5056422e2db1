package dev.foresight.ingest.webhook;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeliveryIdsTest {

  @Test
  void remembersABoundedNumberOfIds() {
    DeliveryIds ids = new DeliveryIds(2);
    assertTrue(ids.claim("a"));
    assertTrue(ids.claim("b"));
    assertFalse(ids.claim("a"));
    assertTrue(ids.claim("c"));
    assertFalse(ids.claim("a"), "a was seen recently and kept");
    assertTrue(ids.claim("b"), "b was the least recently seen and dropped");
  }

  @Test
  void releasedIdsCanBeClaimedAgain() {
    DeliveryIds ids = new DeliveryIds(10);
    assertTrue(ids.claim("a"));
    ids.release("a");
    assertTrue(ids.claim("a"));
  }
}
