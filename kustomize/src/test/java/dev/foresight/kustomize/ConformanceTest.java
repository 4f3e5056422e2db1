package dev.foresight.kustomize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.kustomize.build.Build;
import dev.foresight.kustomize.build.TestYaml;
import dev.foresight.kustomize.build.YamlParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The kustomize conformance corpus (shared/kustomize-corpus/cases): output cases must match
 * {@code expected.yaml} byte for byte, error cases must raise {@link KustomizeException}; an
 * {@link UnsupportedFeature} counts as fallback. Also a semantic run (test YAML adapter, documents
 * compared as sorted JSON) that does not depend on the emitter.
 */
class ConformanceTest {

  /** Cases passing byte for byte; raise it as fixes land (CI catches regressions). */
  static final int MIN_PASS = 189;

  /**
   * Cases the native engine builds today with a different output (or builds where kustomize fails,
   * or fails where kustomize builds). Empty today: keep it so; a case that comes out wrong fails
   * the build (a wrong diff is worse than none).
   */
  static final java.util.Set<String> KNOWN_WRONG = java.util.Set.of();

  /** Cases passing semantically with the test adapter. */
  static final int MIN_SEMANTIC_PASS = 189;

  record Outcome(int pass, int outputPass, int outputs, int errorPass, int errors, int fallback, int wrong,
      List<String> failures) {}

  static Path cases() {
    // the build sets foresight.shared; else ../shared beside the project root (tests run in the module directory)
    return Path.of(System.getProperty("foresight.shared", "../../shared"), "kustomize-corpus", "cases");
  }

  @Test
  void corpusByteForByte() throws IOException {
    Assumptions.assumeTrue(Files.isDirectory(cases()), "no corpus at " + cases() + "; skipped");
    Outcome o = run(YamlParser.DEFAULT, false);
    report("conformance", o);
    List<String> newlyWrong = o.failures().stream().filter(f -> f.contains(": WRONG"))
        .filter(f -> !KNOWN_WRONG.contains(f.substring(0, f.indexOf(':')))).toList();
    assertEquals(List.of(), newlyWrong, "wrong outputs not in KNOWN_WRONG (a fidelity regression)");
    assertTrue(o.pass() >= MIN_PASS, "regression: " + o.pass() + " < " + MIN_PASS);
  }

  @Test
  void corpusSemantically() throws IOException {
    Assumptions.assumeTrue(Files.isDirectory(cases()), "no corpus at " + cases() + "; skipped");
    Outcome o = run(TestYaml.PARSER, true);
    report("semantic", o);
    assertTrue(o.pass() >= MIN_SEMANTIC_PASS, "regression: " + o.pass() + " < " + MIN_SEMANTIC_PASS);
  }

  @Test
  void debugOneCase() throws Exception {
    String name = System.getProperty("case");
    Assumptions.assumeTrue(name != null && !name.isEmpty(), "-Dcase=NAME to debug one case");
    Path dir = cases().resolve(name);
    String target = field(Files.readString(dir.resolve("case.json")), "target");
    try {
      var resources = Build.run(new DirectoryFileTree(dir.resolve("input")), target, TestYaml.PARSER);
      System.out.println("GOT:\n" + TestYaml.semantic(resources));
    } catch (KustomizeException e) {
      System.out.println("GOT ERROR: " + e.getMessage());
    }
    if (Files.exists(dir.resolve("expected.yaml"))) {
      System.out.println("WANT:\n" + TestYaml.semantic(TestYaml.parseAll(Files.readString(dir.resolve("expected.yaml")), "e")));
    }
  }

  private static void report(String label, Outcome o) {
    int total = o.outputs() + o.errors();
    System.out.printf("%s: PASS %d/%d (output %d/%d, error %d/%d), fallback %d, wrong %d%n", label, o.pass(), total,
        o.outputPass(), o.outputs(), o.errorPass(), o.errors(), o.fallback(), o.wrong());
    o.failures().stream().filter(f -> f.contains(": WRONG")).forEach(f -> System.out.println("  " + f));
    java.util.Map<String, Long> byFeature = new java.util.TreeMap<>();
    o.failures().stream().filter(f -> f.contains(": fallback: "))
        .forEach(f -> byFeature.merge(f.substring(f.indexOf(": fallback: ") + 12), 1L, Long::sum));
    byFeature.forEach((feature, n) -> System.out.println("  fallback " + n + "x: " + feature));
  }

  /**
   * The corpus through one shared memo, twice over: every case's bases are memoised under the
   * same relative paths as other cases' different bases, so any stale hit shows as a wrong output;
   * the second pass is served from the memo and must pass as the first.
   */
  @Test
  void corpusByteForByteThroughOneSharedMemo() throws IOException {
    Assumptions.assumeTrue(Files.isDirectory(cases()), "no corpus at " + cases() + "; skipped");
    dev.foresight.kustomize.build.BuildMemo memo = new dev.foresight.kustomize.build.BuildMemo(64);
    Outcome first = run(YamlParser.DEFAULT, false, memo);
    Outcome second = run(YamlParser.DEFAULT, false, memo);
    report("conformance with memo (first pass)", first);
    report("conformance with memo (second pass)", second);
    System.out.println("memo: " + memo.stats());
    assertTrue(first.pass() >= MIN_PASS, "regression with memo: " + first.pass() + " < " + MIN_PASS);
    assertEquals(first.failures(), second.failures(), "memo hits changed outcomes");
    assertTrue(second.pass() >= MIN_PASS, "regression with memo hits: " + second.pass() + " < " + MIN_PASS);
    assertTrue(memo.stats().hits() > 0, "the second pass should hit: " + memo.stats());
  }

  static Outcome run(YamlParser parser, boolean semantic) throws IOException {
    return run(parser, semantic, null);
  }

  static Outcome run(YamlParser parser, boolean semantic, dev.foresight.kustomize.build.BuildMemo memo)
      throws IOException {
    int outputs = 0;
    int outputPass = 0;
    int errors = 0;
    int errorPass = 0;
    int fallback = 0;
    int wrong = 0;
    List<String> failures = new ArrayList<>();
    List<Path> dirs;
    try (Stream<Path> list = Files.list(cases())) {
      dirs = list.filter(Files::isDirectory).sorted().toList();
    }
    for (Path dir : dirs) {
      String json = Files.readString(dir.resolve("case.json"));
      String target = field(json, "target");
      boolean expectError = "error".equals(field(json, "expect"));
      String name = dir.getFileName().toString();
      FileTree tree = new DirectoryFileTree(dir.resolve("input"));
      if (expectError) {
        errors++;
      } else {
        outputs++;
      }
      try {
        var resources = Build.run(tree, target, parser, memo);
        if (expectError) {
          wrong++;
          failures.add(name + ": WRONG: built, expected an error");
          continue;
        }
        String expected = Files.readString(dir.resolve("expected.yaml"), StandardCharsets.UTF_8);
        boolean same;
        if (semantic) {
          same = TestYaml.semantic(resources).equals(TestYaml.semantic(TestYaml.parseAll(expected, "expected")));
        } else {
          same = Kustomizer.emit(resources).equals(expected);
        }
        if (same) {
          outputPass++;
        } else {
          wrong++;
          failures.add(name + ": WRONG: output differs");
        }
      } catch (UnsupportedFeature e) {
        fallback++;
        failures.add(name + ": fallback: " + e.feature());
      } catch (KustomizeException e) {
        if (expectError) {
          errorPass++;
        } else {
          wrong++;
          failures.add(name + ": WRONG: error: " + e.getMessage().lines().findFirst().orElse(""));
        }
      } catch (RuntimeException e) {
        if (e instanceof UnsupportedOperationException) {
          fallback++;
          failures.add(name + ": fallback: " + e.getMessage());
        } else {
          wrong++;
          failures.add(name + ": WRONG: crash: " + e);
        }
      }
    }
    return new Outcome(outputPass + errorPass, outputPass, outputs, errorPass, errors, fallback, wrong, failures);
  }

  private static String field(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    return m.find() ? m.group(1) : "";
  }
}
