package dev.foresight.publisher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The views (every class of the root package but ArchivePublisher) are pure: no Kafka, HTTP, logging or file I/O. */
class ViewPurityTest {

  @Test
  void viewsImportNoInfrastructure() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/foresight/publisher"))) {
      List<String> offenders = files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("ArchivePublisher.java"))
          .filter(ViewPurityTest::importsInfrastructure).map(Path::toString).toList();
      assertEquals(List.of(), offenders);
    }
  }

  static boolean importsInfrastructure(Path file) {
    try {
      return Files.readAllLines(file).stream().anyMatch(line -> line.startsWith("import org.apache.kafka")
          || line.startsWith("import java.net.http") || line.startsWith("import org.slf4j")
          || line.startsWith("import java.nio.file"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
