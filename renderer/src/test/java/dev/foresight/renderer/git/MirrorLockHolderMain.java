package dev.foresight.renderer.git;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A second process for {@link GitMirrorsConcurrencyTest}: {@code <lockFile> <releaseFile>}. Takes
 * the mirror lock, prints {@code locked}, and holds it until {@code releaseFile} exists (at most a
 * minute).
 */
public final class MirrorLockHolderMain {

  private MirrorLockHolderMain() {}

  public static void main(String[] args) throws Exception {
    Path release = Path.of(args[1]);
    new MirrorLock(Path.of(args[0])).call(() -> {
      System.out.println("locked");
      System.out.flush();
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (!Files.exists(release) && System.nanoTime() < deadline) {
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        }
      }
      return null;
    });
    System.exit(0);
  }
}
