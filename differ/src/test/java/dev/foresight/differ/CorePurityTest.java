package dev.foresight.differ;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The pure core (everything but {@code stream}) imports no Kafka, JGit or HTTP client. */
class CorePurityTest {

  @Test
  void coreImportsNoKafkaGitOrHttp() throws IOException {
    Path root = Path.of("src/main/java/dev/foresight/differ");
    try (Stream<Path> files = Files.walk(root)) {
      List<String> offenders = files
          .filter(f -> f.toString().endsWith(".java"))
          .filter(f -> !root.relativize(f).startsWith("stream"))
          .filter(CorePurityTest::importsInfrastructure)
          .map(Path::toString).toList();
      assertEquals(List.of(), offenders);
    }
  }

  static boolean importsInfrastructure(Path file) {
    try {
      return Files.readAllLines(file).stream().anyMatch(line -> line.startsWith("import org.apache.kafka")
          || line.startsWith("import org.eclipse.jgit") || line.startsWith("import java.net.http")
          || line.startsWith("import org.slf4j"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
