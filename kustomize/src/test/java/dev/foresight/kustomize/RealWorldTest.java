package dev.foresight.kustomize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Real-world-shaped kustomize trees, one or more per fidelity class found on public repositories
 * (see {@code src/test/resources/realworld/README.md}). Each case is built natively and must print
 * exactly {@code expected.yaml} (or fail with a message containing {@code expected-error.txt}), with
 * exactly the stderr warning lines of {@code expected-stderr.txt} (none when it is absent).
 * When kubectl is on PATH the expectation is also checked against {@code kubectl kustomize}, so
 * a golden file can never drift from the oracle; {@code -Dgolden.update=true} rewrites the
 * expectations from kubectl (review the diff).
 */
class RealWorldTest {

  static final Path ROOT = Path.of("src", "test", "resources", "realworld");

  @TestFactory
  Stream<DynamicTest> realWorldShapes() throws IOException {
    List<Path> cases;
    try (Stream<Path> dirs = Files.list(ROOT)) {
      cases = dirs.filter(d -> Files.isDirectory(d.resolve("input"))).sorted().toList();
    }
    boolean kubectl = RealWorldCase.kubectlOnPath();
    if (!kubectl) {
      System.out.println("RealWorldTest: kubectl is not on PATH: expectations are not re-checked against it");
    }
    boolean update = Boolean.getBoolean("golden.update");
    List<DynamicTest> tests = new ArrayList<>();
    for (Path dir : cases) {
      tests.add(DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
        RealWorldCase c = RealWorldCase.load(dir);
        if (update && kubectl) {
          c.regenerate();
          c = RealWorldCase.load(dir);
        }
        c.checkNative();
        if (kubectl) {
          c.checkKubectl();
        }
      }));
    }
    return tests.stream();
  }

  /**
   * One case: {@code input/} (the tree), optional {@code case.properties} ({@code dir=},
   * {@code loadRestrictor=LoadRestrictionsNone|LoadRestrictionsRootOnly}, default RootOnly) and
   * optional {@code links.properties} ({@code link=target}: symbolic links, relative to
   * {@code input/}, made at run time in a copy of the tree, so that a checkout without symlink
   * support still holds the case).
   */
  record RealWorldCase(Path dir, Path input, String target, String expected, String expectedError,
      String expectedStderr,
      LoadRestrictor restrictor) {

    static RealWorldCase load(Path dir) throws IOException {
      Properties props = new Properties();
      Path file = dir.resolve("case.properties");
      if (Files.exists(file)) {
        props.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
      }
      Path out = dir.resolve("expected.yaml");
      Path err = dir.resolve("expected-error.txt");
      Path stderr = dir.resolve("expected-stderr.txt");
      return new RealWorldCase(dir, input(dir), props.getProperty("dir", "."),
          Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : null,
          Files.exists(err) ? Files.readString(err, StandardCharsets.UTF_8).strip() : null,
          Files.exists(stderr) ? Files.readString(stderr, StandardCharsets.UTF_8) : "",
          LoadRestrictor.of(props.getProperty("loadRestrictor", LoadRestrictor.ROOT_ONLY.flag())));
    }

    /** {@code dir/input}, or, with {@code links.properties}, a copy of it with those symbolic links. */
    static Path input(Path dir) throws IOException {
      Path input = dir.resolve("input");
      Path links = dir.resolve("links.properties");
      if (!Files.exists(links)) {
        return input;
      }
      Properties props = new Properties();
      props.load(new StringReader(Files.readString(links, StandardCharsets.UTF_8)));
      Path copy = Files.createTempDirectory("realworld-" + dir.getFileName()).resolve("input");
      try (Stream<Path> files = Files.walk(input)) {
        for (Path from : files.toList()) {
          Path to = copy.resolve(input.relativize(from).toString());
          if (Files.isDirectory(from)) {
            Files.createDirectories(to);
          } else {
            Files.copy(from, to);
          }
        }
      }
      for (String link : new java.util.TreeSet<>(props.stringPropertyNames())) {
        Path at = copy.resolve(link);
        Files.createDirectories(at.getParent());
        Files.createSymbolicLink(at, Path.of(props.getProperty(link)));
      }
      return copy;
    }

    void checkNative() throws Exception {
      DirectoryFileTree tree = new DirectoryFileTree(input);
      if (expectedError != null) {
        try {
          String out = Kustomizer.render(tree, target, restrictor).yaml();
          fail("expected an error containing '" + expectedError + "', got output:\n" + out);
        } catch (UnsupportedFeature e) {
          throw new AssertionError("expected a native error, got a fallback: " + e.getMessage(), e);
        } catch (KustomizeException e) {
          assertTrue(e.getMessage().contains(expectedError), "error was: " + e.getMessage());
          assertEquals(expectedStderr, stderr(e.warnings()), dir + ": warnings before the error (native)");
        }
        return;
      }
      assertTrue(expected != null, dir + ": neither expected.yaml nor expected-error.txt");
      Kustomizer.Built built = Kustomizer.render(tree, target, restrictor);
      assertEquals(expected, built.yaml(), dir + " (native)");
      assertEquals(expectedStderr, stderr(built.warnings()), dir + ": stderr warnings (native)");
    }

    /** The warning lines kubectl prints on stderr. */
    static String stderr(List<BuildWarning> warnings) {
      StringBuilder out = new StringBuilder();
      warnings.forEach(w -> out.append(w.kubectlText()).append('\n'));
      return out.toString();
    }

    void checkKubectl() throws Exception {
      Result r = kubectl();
      if (expectedError != null) {
        assertTrue(r.exit != 0, dir + ": kubectl succeeded where an error is expected:\n" + r.out);
        assertEquals(expectedStderr, warningLines(r.err), dir + ": expected-stderr.txt is not the warnings kubectl "
            + "prints before its error");
      } else {
        assertEquals(0, r.exit, dir + ": kubectl failed: " + r.err);
        assertEquals(expected, r.out, dir + ": expected.yaml is not what kubectl kustomize prints");
        assertEquals(expectedStderr, r.err, dir + ": expected-stderr.txt is not what kubectl kustomize prints on "
            + "stderr");
      }
    }

    void regenerate() throws Exception {
      Result r = kubectl();
      if (r.exit == 0) {
        Files.writeString(dir.resolve("expected.yaml"), r.out, StandardCharsets.UTF_8);
      }
      String warnings = r.exit == 0 ? r.err : warningLines(r.err);
      Path stderr = dir.resolve("expected-stderr.txt");
      if (warnings.isEmpty()) {
        Files.deleteIfExists(stderr);
      } else {
        Files.writeString(stderr, warnings, StandardCharsets.UTF_8);
      }
    }

    /** The {@code # Warning:} lines of a failed kubectl's stderr (its error is logged after them). */
    static String warningLines(String stderr) {
      StringBuilder out = new StringBuilder();
      for (String line : stderr.split("\n")) {
        if (line.startsWith("# Warning: ")) {
          out.append(line).append('\n');
        }
      }
      return out.toString();
    }

    private Result kubectl() throws Exception {
      Path err = Files.createTempFile("realworld", ".err");
      try {
        Process p = new ProcessBuilder("kubectl", "kustomize", "--load-restrictor", restrictor.flag(), target)
            .directory(input.toFile())
            .redirectError(err.toFile())
            .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IOException("kubectl kustomize timed out in " + dir);
        }
        return new Result(p.exitValue(), out, Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(err);
      }
    }

    static boolean kubectlOnPath() {
      try {
        Process p = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  record Result(int exit, String out, String err) {}
}
