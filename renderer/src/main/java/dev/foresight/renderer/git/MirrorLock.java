package dev.foresight.renderer.git;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises the writers of one mirror directory (clone, fetch) across threads and processes:
 * {@code foresight diff} and {@code foresight serve} may share a data directory. A file lock on
 * {@code <mirror>.lock} (next to the mirror, never deleted) excludes other processes; file locks
 * belong to the whole JVM, so a lock per lock file, shared by every {@link GitMirrors} of this
 * JVM, excludes this process's other threads first. Reentrant: a holder may lock again.
 */
final class MirrorLock {

  /** An action run under the lock. */
  interface Action<T> {
    T run() throws IOException;
  }

  private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private final Path file;
  private final ReentrantLock local;

  MirrorLock(Path file) {
    this.file = file.toAbsolutePath().normalize();
    this.local = IN_PROCESS.computeIfAbsent(this.file, f -> new ReentrantLock());
  }

  Path file() {
    return file;
  }

  <T> T call(Action<T> action) throws IOException {
    local.lock();
    try {
      if (local.getHoldCount() > 1) {
        return action.run();
      }
      Files.createDirectories(file.getParent());
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        channel.lock(); // released when the channel closes
        return action.run();
      }
    } finally {
      local.unlock();
    }
  }
}
