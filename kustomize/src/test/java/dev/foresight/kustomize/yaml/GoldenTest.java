package dev.foresight.kustomize.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * yaml-golden/<case>/input.yaml parsed and emitted must equal expected.yaml, which is what
 * {@code kubectl kustomize} prints for a kustomization listing just that file. Run with
 * {@code -Dgolden.update=true} to regenerate expected.yaml with kubectl.
 */
class GoldenTest {

  private static final Path GOLDEN = Path.of("src", "test", "resources", "yaml-golden");

  @TestFactory
  Stream<DynamicTest> golden() throws IOException {
    List<Path> cases;
    try (Stream<Path> dirs = Files.list(GOLDEN)) {
      cases = dirs.filter(d -> Files.isRegularFile(d.resolve("input.yaml"))).sorted().toList();
    }
    assertTrue(cases.size() >= 10, "golden cases missing under " + GOLDEN.toAbsolutePath());
    boolean update = Boolean.parseBoolean(System.getProperty("golden.update", "false"));
    List<DynamicTest> tests = new ArrayList<>();
    for (Path dir : cases) {
      tests.add(DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
        if (update) {
          regenerate(dir);
        }
        String input = Files.readString(dir.resolve("input.yaml"), StandardCharsets.UTF_8);
        String expected = Files.readString(dir.resolve("expected.yaml"), StandardCharsets.UTF_8);
        String actual = Yaml.emitAll(Yaml.parseAll(input, dir.resolve("input.yaml").toString()));
        if (!expected.equals(actual)) {
          Path out = Path.of("target", "golden-actual", dir.getFileName().toString() + ".yaml");
          Files.createDirectories(out.getParent());
          Files.writeString(out, actual, StandardCharsets.UTF_8);
        }
        assertEquals(expected, actual);
      }));
    }
    return tests.stream();
  }

  private static void regenerate(Path dir) throws IOException, InterruptedException {
    Path tmp = Files.createTempDirectory("yaml-golden");
    Files.copy(dir.resolve("input.yaml"), tmp.resolve("input.yaml"));
    Files.writeString(tmp.resolve("kustomization.yaml"), "resources:\n- input.yaml\n");
    Process p = new ProcessBuilder("kubectl", "kustomize", tmp.toString())
        .redirectOutput(dir.resolve("expected.yaml").toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("kubectl kustomize failed for " + dir);
    }
  }
}
