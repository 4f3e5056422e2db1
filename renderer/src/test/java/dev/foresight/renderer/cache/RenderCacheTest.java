package dev.foresight.renderer.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCacheTest {

  @TempDir Path tmp;

  private static RenderCache.Key key(String seed) {
    return new RenderCache.Key(CacheKeys.digest(seed));
  }

  /** A clock that advances one second per reading. */
  private static final class Ticking extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public synchronized Instant instant() {
      now = now.plusSeconds(1);
      return now;
    }
  }

  @Test
  void roundTripAndCounters() throws Exception {
    RenderCache cache = new RenderCache(tmp);
    RenderCache.Entry entry = new RenderCache.Entry("apiVersion: v1\nkind: ConfigMap\n# é ✓\n", List.of("w1", "w2"));
    assertEquals(Optional.empty(), cache.get(key("a")));
    cache.put(key("a"), entry);
    assertEquals(Optional.of(entry), cache.get(key("a")));
    assertEquals(Optional.of(entry), new RenderCache(tmp).get(key("a")), "survives a new instance (on disk)");
    RenderCache.Stats stats = cache.stats();
    assertEquals(1, stats.hits());
    assertEquals(1, stats.misses());
    assertEquals(1, stats.puts());
    assertEquals(0.5, stats.hitRate());
    assertTrue(Files.isDirectory(tmp.resolve("cache/renders")));
    assertThrows(IllegalArgumentException.class, () -> new RenderCache.Key("ABC"));
  }

  @Test
  void corruptEntryIsAMiss() throws Exception {
    RenderCache cache = new RenderCache(tmp);
    cache.put(key("a"), new RenderCache.Entry("x", List.of()));
    Path file;
    try (Stream<Path> s = Files.walk(cache.directory())) {
      file = s.filter(Files::isRegularFile).findFirst().orElseThrow();
    }
    Files.writeString(file, "garbage");
    assertEquals(Optional.empty(), cache.get(key("a")));
    assertFalse(Files.exists(file));
  }

  @Test
  void leastRecentlyUsedIsEvictedUnderTheBound() throws Exception {
    Random random = new Random(1);
    byte[] noise = new byte[3000];
    random.nextBytes(noise);
    String big = java.util.HexFormat.of().formatHex(noise); // incompressible-ish, ~3 KB gzipped
    RenderCache probe = new RenderCache(tmp.resolve("probe"));
    probe.put(key("p"), new RenderCache.Entry(big + "a", List.of()));
    long one = probe.stats().bytes();

    RenderCache cache = new RenderCache(tmp.resolve("lru"), one * 3 - one / 2, new Ticking());
    cache.put(key("a"), new RenderCache.Entry(big + "a", List.of()));
    cache.put(key("b"), new RenderCache.Entry(big + "b", List.of()));
    assertTrue(cache.get(key("a")).isPresent()); // a is now more recent than b
    cache.put(key("c"), new RenderCache.Entry(big + "c", List.of()));

    assertEquals(1, cache.stats().evictions());
    assertTrue(cache.get(key("b")).isEmpty(), "b was least recently used");
    assertTrue(cache.get(key("a")).isPresent());
    assertTrue(cache.get(key("c")).isPresent());
    assertTrue(cache.stats().bytes() <= one * 3 - one / 2);
  }

  @Test
  void concurrentPutsOfTheSameKey() throws Exception {
    RenderCache cache = new RenderCache(tmp);
    RenderCache.Entry entry = new RenderCache.Entry("x".repeat(200_000), List.of("w"));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Optional<RenderCache.Entry>>> results = new ArrayList<>();
    try {
      for (int i = 0; i < 16; i++) {
        results.add(pool.submit(() -> {
          start.await();
          cache.put(key("same"), entry);
          return cache.get(key("same"));
        }));
      }
      start.countDown();
      for (Future<Optional<RenderCache.Entry>> f : results) {
        assertEquals(Optional.of(entry), f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    try (Stream<Path> s = Files.walk(cache.directory())) {
      assertEquals(1, s.filter(Files::isRegularFile).count(), "one entry, no temporary files left");
    }
  }
}
