package dev.foresight.ingest.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recent {@code X-GitHub-Delivery} ids, bounded (least recently seen dropped first). An id
 * is claimed while its delivery is handled and released again when handling failed, so that GitHub's
 * redelivery is processed.
 */
final class DeliveryIds {

  private final Map<String, Boolean> seen;

  DeliveryIds(int capacity) {
    this.seen = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  /** True when {@code id} was not seen before (and is now remembered). */
  synchronized boolean claim(String id) {
    return seen.putIfAbsent(id, Boolean.TRUE) == null;
  }

  /** Forgets {@code id}, so a redelivery is handled again. */
  synchronized void release(String id) {
    seen.remove(id);
  }
}
