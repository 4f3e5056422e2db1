package dev.foresight.renderer.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several renderers (threads, and processes: instances share nothing in memory) on one cache
 * directory, with a bound so small that puts evict all the time: every put and get completes
 * (eviction scans while other writers create and move temporary files), a hit is always the entry
 * stored under its key, and the directory ends bounded with no temporary file left.
 */
class SharedDirectoryTest {

  static final byte[] KEY = "shared-directory-key".getBytes(StandardCharsets.UTF_8);

  @TempDir Path tmp;

  static RenderCache.Key key(int i) {
    return new RenderCache.Key(CacheKeys.digest("k" + i));
  }

  static RenderCache.Entry entry(int i) {
    // incompressible enough that a few entries fill the bound
    StringBuilder text = new StringBuilder("k" + i + "\n");
    for (int j = 0; j < 60; j++) {
      text.append(CacheKeys.digest(i + ":" + j)).append('\n');
    }
    return new RenderCache.Entry(text.toString(), List.of("w" + i));
  }

  @Test
  void instancesOnOneDirectoryNeverFailNorServeAWrongEntry() throws Exception {
    long bound = 16 * 1024;
    List<RenderCache> instances = List.of(
        new RenderCache(tmp, bound, Clock.systemUTC(), KEY), new RenderCache(tmp, bound, Clock.systemUTC(), KEY),
        new RenderCache(tmp, bound, Clock.systemUTC(), KEY));
    int threads = 6;
    int keys = 40;
    int rounds = 400;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> done = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        RenderCache cache = instances.get(t % instances.size());
        int offset = t;
        done.add(pool.submit(() -> {
          start.await();
          int hits = 0;
          for (int r = 0; r < rounds; r++) {
            int i = (r * 7 + offset) % keys;
            Optional<RenderCache.Entry> got = cache.get(key(i));
            if (got.isPresent()) {
              assertEquals(entry(i), got.get(), "the entry of key " + i);
              hits++;
            } else {
              cache.put(key(i), entry(i));
            }
          }
          return hits;
        }));
      }
      start.countDown();
      int hits = 0;
      for (Future<Integer> f : done) {
        hits += f.get(); // an exception of a put or get fails here
      }
      assertTrue(hits > 0, "some gets found an entry another writer stored");
    } finally {
      pool.shutdownNow();
    }
    instances.get(0).evict();
    try (Stream<Path> files = Files.walk(instances.get(0).directory())) {
      List<Path> all = files.filter(Files::isRegularFile).toList();
      assertTrue(all.stream().noneMatch(p -> p.getFileName().toString().startsWith(".tmp-")), all.toString());
      long total = 0;
      for (Path p : all) {
        total += Files.size(p);
      }
      assertTrue(total <= bound, "bounded after an eviction: " + total);
    }
  }
}
