package dev.foresight.renderer.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.renderer.TestRepo;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mirrors shared by processes: two {@link GitMirrors} on one data directory (as {@code foresight
 * diff} and {@code foresight serve} are) and a second JVM clone and fetch the same repository at
 * once, from several threads each; every read must succeed.
 */
class GitMirrorsConcurrencyTest {

  static final int THREADS_PER_INSTANCE = 4;

  @TempDir Path tmp;

  /** One process reading {@code expected} (sha → content of f) through its own GitMirrors. */
  static final class SecondJvm implements AutoCloseable {
    final Process process;
    final CompletableFuture<String> output;

    SecondJvm(Path dataDir, String url, Path go, Iterable<String> shas) throws Exception {
      this(MirrorReaderMain.class, "ready", withShas(List.of(dataDir.toString(), url, go.toString()), shas));
    }

    SecondJvm(Class<?> main, String firstLine, List<String> args) throws Exception {
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", classpath(), main.getName()));
      command.addAll(args);
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
      BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String first = lines.readLine();
      assertEquals(firstLine, first, "the second JVM did not start");
      output = CompletableFuture.supplyAsync(() -> {
        StringBuilder all = new StringBuilder();
        lines.lines().forEach(l -> all.append(l).append('\n'));
        return all.toString();
      });
    }

    /** Waits for the process; its output when it succeeded. */
    String await() throws Exception {
      assertTrue(process.waitFor(120, TimeUnit.SECONDS), "second JVM still running");
      String out = output.get(10, TimeUnit.SECONDS);
      assertEquals(0, process.exitValue(), "second JVM failed:\n" + out);
      return out;
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }

    private static List<String> withShas(List<String> args, Iterable<String> shas) {
      List<String> all = new ArrayList<>(args);
      shas.forEach(all::add);
      return all;
    }

    private static String classpath() {
      String surefire = System.getProperty("surefire.test.class.path");
      return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
  }

  /** Every thread of both instances reads every sha, all starting at once; returns the contents read. */
  static List<String> readAll(GitMirrors one, GitMirrors two, String url, Map<String, String> expected, Runnable go)
      throws Exception {
    int threads = 2 * THREADS_PER_INSTANCE;
    CyclicBarrier start = new CyclicBarrier(threads + 1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<String>>> reads = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        GitMirrors mirrors = t % 2 == 0 ? one : two;
        List<String> order = new ArrayList<>(expected.keySet());
        java.util.Collections.rotate(order, t);
        reads.add(pool.submit(() -> {
          start.await();
          List<String> got = new ArrayList<>();
          for (String sha : order) {
            got.add(sha + " " + new String(mirrors.tree(url, sha).read("f").orElseThrow(), StandardCharsets.UTF_8));
          }
          return got;
        }));
      }
      go.run();
      start.await();
      List<String> all = new ArrayList<>();
      for (Future<List<String>> read : reads) {
        all.addAll(read.get(120, TimeUnit.SECONDS));
      }
      return all;
    } finally {
      pool.shutdownNow();
    }
  }

  static void assertAllRead(Map<String, String> expected, List<String> lines, int readers) {
    for (Map.Entry<String, String> e : expected.entrySet()) {
      long count = lines.stream().filter((e.getKey() + " " + e.getValue())::equals).count();
      assertEquals(readers, count, "reads of " + e.getKey() + " in " + lines);
    }
  }

  @Test
  void twoInstancesAndASecondJvmCloneAndFetchOneRepositoryAtOnce() throws Exception {
    Path data = tmp.resolve("data");
    try (TestRepo repo = TestRepo.init(tmp.resolve("src"));
        GitMirrors one = new GitMirrors(data);
        GitMirrors two = new GitMirrors(data)) {
      String url = repo.dir().toString();
      Map<String, String> first = new LinkedHashMap<>();
      for (int i = 0; i < 3; i++) {
        first.put(repo.write("f", "v" + i).write("dir/file" + i, "x").commit("c" + i), "v" + i);
      }

      // clone race: nobody has the mirror yet
      Path go1 = tmp.resolve("go1");
      try (SecondJvm other = new SecondJvm(data, url, go1, first.keySet())) {
        List<String> here = readAll(one, two, url, first, () -> touch(go1));
        assertAllRead(first, here, 2 * THREADS_PER_INSTANCE);
        assertAllRead(first, List.of(other.await().split("\n")), 4);
      }
      assertTrue(Files.isDirectory(one.directory(url).resolve("objects")));
      try (var siblings = Files.list(data.resolve("mirrors"))) {
        assertEquals(List.of(one.directory(url).getFileName().toString(), one.directory(url).getFileName() + ".lock"),
            siblings.map(p -> p.getFileName().toString()).sorted().toList(), "no clone left behind");
      }

      // fetch race: new commits on a branch and one only its id leads to, mirrored already by all three
      try (Git git = Git.open(repo.dir().toFile())) {
        StoredConfig config = git.getRepository().getConfig();
        config.setBoolean("uploadpack", null, "allowAnySHA1InWant", true);
        config.save();
        Map<String, String> second = new LinkedHashMap<>();
        second.put(repo.write("f", "later").commit("later"), "later");
        git.checkout().setCreateBranch(true).setName("gone").call();
        second.put(repo.write("f", "orphan").commit("orphan"), "orphan");
        git.checkout().setName("master").call();
        git.branchDelete().setBranchNames("gone").setForce(true).call();
        second.put(repo.write("f", "last").commit("last"), "last");
        Path go2 = tmp.resolve("go2");
        try (SecondJvm other = new SecondJvm(data, url, go2, second.keySet())) {
          List<String> here = readAll(one, two, url, second, () -> touch(go2));
          assertAllRead(second, here, 2 * THREADS_PER_INSTANCE);
          assertAllRead(second, List.of(other.await().split("\n")), 4);
        }
      }
    }
  }

  @Test
  void aFetchWaitsWhileAnotherProcessHoldsTheMirrorLock() throws Exception {
    try (TestRepo repo = TestRepo.init(tmp.resolve("src")); GitMirrors mirrors = new GitMirrors(tmp.resolve("data"))) {
      String url = repo.dir().toString();
      String first = repo.write("f", "1").commit("first");
      mirrors.tree(url, first);
      String second = repo.write("f", "2").commit("second");
      Path mirror = mirrors.directory(url);
      Path release = tmp.resolve("release");
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try (SecondJvm holder = new SecondJvm(MirrorLockHolderMain.class, "locked",
          List.of(mirror.resolveSibling(mirror.getFileName() + ".lock").toString(), release.toString()))) {
        Future<String> read = pool.submit(
            () -> new String(mirrors.tree(url, second).read("f").orElseThrow(), StandardCharsets.UTF_8));
        Thread.sleep(1500);
        assertFalse(read.isDone(), "fetched while another process held the mirror lock");
        touch(release);
        assertEquals("2", read.get(60, TimeUnit.SECONDS));
        holder.await();
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static void touch(Path file) {
    try {
      Files.writeString(file, "go");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

}
