package dev.foresight.renderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/golden/<case>/}; run with {@code -Dgolden.update=true}
 * to rewrite them, then review the diff.
 */
public final class Golden {

  static final Path ROOT = Path.of("src", "test", "resources", "golden");

  private Golden() {}

  public static boolean updating() {
    return "true".equalsIgnoreCase(System.getProperty("golden.update"));
  }

  public static void assertMatches(String caseName, String file, String actual) throws IOException {
    Path expected = ROOT.resolve(caseName).resolve(file);
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
