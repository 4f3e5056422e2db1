package dev.foresight.renderer.git;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A second process for {@link GitMirrorsConcurrencyTest}: {@code <dataDir> <repo> <goFile> <sha>...}.
 * Prints {@code ready}, waits for {@code goFile} to exist, then reads file {@code f} at every sha
 * from four threads through its own {@link GitMirrors}, printing {@code <sha> <content>} per read.
 * Exit 0 when every read succeeded.
 */
public final class MirrorReaderMain {

  private MirrorReaderMain() {}

  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(args[0]);
    String repo = args[1];
    Path go = Path.of(args[2]);
    List<String> shas = List.of(args).subList(3, args.length);
    System.out.println("ready");
    System.out.flush();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!Files.exists(go)) {
      if (System.nanoTime() > deadline) {
        System.exit(3);
      }
      Thread.sleep(5);
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (GitMirrors mirrors = new GitMirrors(dataDir)) {
      List<Future<String>> reads = new ArrayList<>();
      for (int thread = 0; thread < 4; thread++) {
        for (String sha : shas) {
          reads.add(pool.submit(() -> sha + " "
              + new String(mirrors.tree(repo, sha).read("f").orElseThrow(), StandardCharsets.UTF_8)));
        }
      }
      for (Future<String> read : reads) {
        System.out.println(read.get());
      }
    } finally {
      pool.shutdownNow();
    }
    System.exit(0);
  }
}
