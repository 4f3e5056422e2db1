package dev.foresight.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files of every module's tests, under {@code src/test/resources/golden/<case>/} (or another
 * root); run the build with {@code -Dgolden.update=true} to rewrite them, then review the diff.
 * Shared through the schemas module's test jar.
 */
public final class Golden {

  public static final Path ROOT = Path.of("src", "test", "resources", "golden");

  private Golden() {}

  public static boolean updating() {
    return "true".equalsIgnoreCase(System.getProperty("golden.update"));
  }

  /** {@code actual} equals {@code <ROOT>/<caseName>/<file>}, or rewrites it when updating. */
  public static void assertMatches(String caseName, String file, String actual) throws IOException {
    assertMatches(ROOT, caseName, file, actual);
  }

  /** {@code actual} equals {@code <root>/<caseName>/<file>}, or rewrites it when updating. */
  public static void assertMatches(Path root, String caseName, String file, String actual) throws IOException {
    Path expected = root.resolve(caseName).resolve(file);
    if (updating()) {
      Files.createDirectories(expected.getParent());
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
      return;
    }
    assertTrue(Files.exists(expected), "missing golden file " + expected.toAbsolutePath()
        + "; run the build with -Dgolden.update=true to create it");
    assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual,
        "differs from " + expected + " (-Dgolden.update=true rewrites it)");
  }
}
