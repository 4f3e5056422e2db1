package dev.foresight.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The bundled fixture copies are byte-identical to the shared ones. */
class FixturesTest {

  @Test
  void bundledCopiesMatchShared() throws Exception {
    Path shared = Fixtures.shared().resolve("fixtures/github");
    try (Stream<Path> bundled = Files.list(Fixtures.resource("github"))) {
      for (Path copy : bundled.filter(p -> !p.getFileName().toString().equals("README.md")).toList()) {
        assertArrayEquals(Files.readAllBytes(shared.resolve(copy.getFileName().toString())),
            Files.readAllBytes(copy), copy.getFileName() + " differs from the shared fixture");
      }
    }
  }
}
