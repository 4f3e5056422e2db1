package dev.foresight.app.command;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir}: mirrors, caches, broker data and the archive. */
public final class DataDirOption {

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Where Foresight keeps mirrors, caches, broker data and the archive "
          + "(default: $FORESIGHT_DATA_DIR or ~/.foresight).")
  Path dataDir;

  public Path get() {
    if (dataDir != null) {
      return dataDir.toAbsolutePath();
    }
    String env = System.getenv("FORESIGHT_DATA_DIR");
    return env != null && !env.isBlank() ? Path.of(env).toAbsolutePath()
        : Path.of(System.getProperty("user.home"), ".foresight");
  }
}
