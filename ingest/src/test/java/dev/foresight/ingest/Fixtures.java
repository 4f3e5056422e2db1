package dev.foresight.ingest;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test fixtures: the bundled copies in src/test/resources and the shared directory when present. */
public final class Fixtures {

  private Fixtures() {}

  /** Raw bytes of {@code src/test/resources/github/<name>}. */
  public static byte[] github(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/github/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource github/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Path of a bundled test resource. */
  public static Path resource(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/" + name).toURI());
    } catch (Exception e) {
      throw new IllegalArgumentException("no test resource " + name, e);
    }
  }

  /** The shared directory ({@code -Dforesight.shared}); skips the test when it is absent. */
  public static Path shared() {
    String dir = System.getProperty("foresight.shared");
    assumeTrue(dir != null && Files.isDirectory(Path.of(dir)),
        "skipped: shared fixtures not found (system property foresight.shared=" + dir + ")");
    return Path.of(dir);
  }
}
