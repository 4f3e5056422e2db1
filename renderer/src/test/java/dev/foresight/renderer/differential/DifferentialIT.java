package dev.foresight.renderer.differential;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.foresight.kustomize.DirectoryFileTree;
import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.Kustomizer;
import dev.foresight.kustomize.LoadRestrictor;
import dev.foresight.kustomize.UnsupportedFeature;
import dev.foresight.kustomize.build.BuildMemo;
import dev.foresight.renderer.Tools;
import dev.foresight.renderer.differential.Comparison.Outcome;
import dev.foresight.renderer.differential.Comparison.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds every kustomization directory of a generated GitOps repository (every commit of its
 * history) and every case of {@code ../shared/kustomize-corpus} with the native engine and with
 * {@code kubectl kustomize --load-restrictor LoadRestrictionsNone} (kustomize-controller's setting)
 * and requires byte-identical output, or both failing, or the native engine raising
 * {@link UnsupportedFeature} (the renderer falls back to kubectl then; listed). Documented
 * exceptions: {@link KnownDifferences}.
 *
 * <p>Directories Flux alone builds (plain YAML without a kustomization file, for which
 * kustomize-controller generates one) are not compared here: the generator writes none, and that
 * path is the Flux renderer's, covered by its own tests.
 *
 * <p>Alone: {@code mvn -B -o -pl renderer -am verify -Dit.test=DifferentialIT -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false}; other generator
 * arguments with {@code -Ddifferential.generator="--apps 8 --profiles 5 --commits 10 --seed 7"}.
 */
class DifferentialIT {

  private static final Set<String> KUSTOMIZATION_FILES = Set.of("kustomization.yaml", "kustomization.yml", "Kustomization");
  private static final Pattern TARGET = Pattern.compile("\"target\":\\s*\"([^\"]*)\"");
  private static final String RESTRICTOR = LoadRestrictor.NONE.flag();
  /** Small enough for 2 busy cores; {@code -Ddifferential.generator="--apps 8 --seed 7"} explores more. */
  private static final String DEFAULT_GENERATOR_ARGS = "--apps 4 --profiles 3 --commits 6";

  @TempDir Path tmp;

  @Test
  void nativeEngineMatchesKubectl() throws Exception {
    String sharedProperty = System.getProperty("foresight.shared");
    assumeTrue(sharedProperty != null && Files.isDirectory(Path.of(sharedProperty)),
        "foresight.shared (" + sharedProperty + ") is not a directory: skipping the differential test");
    Path shared = Path.of(sharedProperty);
    Path generator = shared.resolve("fixtures/gitops-repo-gen.py");
    Path corpus = shared.resolve("kustomize-corpus/cases");
    assumeTrue(Files.isRegularFile(generator) && Files.isDirectory(corpus),
        shared + " has no fixtures/gitops-repo-gen.py or kustomize-corpus/cases: skipping the differential test");
    assumeTrue(Tools.onPath("kubectl"), "kubectl not on PATH: skipping the differential test (kubectl is the oracle)");
    assumeTrue(Tools.onPath("python3") && Tools.onPath("git") && Tools.onPath("tar"),
        "python3, git or tar not on PATH: skipping the differential test (they generate the repository)");

    long started = System.nanoTime();
    List<Comparison> comparisons = new ArrayList<>();
    ExecutorService kubectl = Executors.newFixedThreadPool(2);
    try {
      for (Path tree : generatedTrees(generator)) {
        comparisons.addAll(compareTree(kubectl, tree, kustomizationDirs(tree), "generated/",
            "generated tree " + tree.getFileName()));
      }
      comparisons.addAll(compareCorpus(kubectl, corpus));
    } finally {
      kubectl.shutdownNow();
    }
    report(comparisons, KnownDifferences.load(), (System.nanoTime() - started) / 1_000_000);
  }

  /** One extracted tree per distinct commit tree of the generated repository (all branches). */
  private List<Path> generatedTrees(Path generator) throws Exception {
    Path out = tmp.resolve("gen");
    List<String> command = new ArrayList<>(List.of("python3", generator.toString(), out.toString()));
    command.addAll(List.of(System.getProperty("differential.generator", DEFAULT_GENERATOR_ARGS).trim().split("\\s+")));
    run(tmp, command.toArray(String[]::new));
    Path repo = out.resolve("infra");
    Set<String> trees = new LinkedHashSet<>(run(repo, "git", "log", "--all", "--format=%T").lines().toList());
    List<Path> extracted = new ArrayList<>();
    for (String tree : trees) {
      Path dir = Files.createDirectories(tmp.resolve("trees").resolve(tree.substring(0, 12)));
      Path archive = tmp.resolve("trees").resolve(tree + ".tar");
      run(repo, "git", "archive", "--format=tar", "-o", archive.toString(), tree);
      run(dir, "tar", "-xf", archive.toString());
      extracted.add(dir);
    }
    return extracted;
  }

  /** {@code dirs} of {@code root}, native (in-process, one memo per tree) against kubectl (2 threads). */
  private static List<Comparison> compareTree(ExecutorService pool, Path root, Set<String> dirs, String keyPrefix,
      String where) throws Exception {
    List<String> ordered = List.copyOf(dirs);
    List<Future<Result>> fromKubectl = new ArrayList<>();
    for (String dir : ordered) {
      fromKubectl.add(pool.submit(() -> kubectl(root.resolve(dir.isEmpty() ? "." : dir))));
    }
    Kustomizer kustomizer = new Kustomizer(new BuildMemo(), LoadRestrictor.NONE);
    FileTree tree = new DirectoryFileTree(root);
    List<Comparison> out = new ArrayList<>();
    for (int i = 0; i < ordered.size(); i++) {
      String dir = ordered.get(i);
      Result nativeResult = nativeBuild(kustomizer, tree, dir);
      out.add(Comparison.of(keyPrefix + (dir.isEmpty() ? "." : dir), where, nativeResult,
          fromKubectl.get(i).get(120, TimeUnit.SECONDS)));
    }
    return out;
  }

  /**
   * Every kustomization directory of each corpus case's input (bases and components too), and the
   * case's target even when it has none: an error case then counts when both engines fail.
   */
  private static List<Comparison> compareCorpus(ExecutorService pool, Path corpus) throws Exception {
    List<Path> cases;
    try (Stream<Path> list = Files.list(corpus)) {
      cases = list.filter(c -> Files.isRegularFile(c.resolve("case.json"))).sorted().toList();
    }
    List<Comparison> out = new ArrayList<>();
    for (Path c : cases) {
      Matcher m = TARGET.matcher(Files.readString(c.resolve("case.json")));
      assertTrue(m.find(), c.resolve("case.json") + " has no \"target\"");
      Path input = c.resolve("input");
      Set<String> dirs = kustomizationDirs(input);
      dirs.add(m.group(1).equals(".") ? "" : m.group(1));
      out.addAll(compareTree(pool, input, dirs, "corpus/" + c.getFileName() + "/", input.toString()));
    }
    return out;
  }

  private static Result nativeBuild(Kustomizer kustomizer, FileTree tree, String dir) {
    try {
      return Result.ok(kustomizer.yaml(tree, dir));
    } catch (UnsupportedFeature e) {
      return Result.unsupportedFeature(e.getMessage());
    } catch (Exception | StackOverflowError e) {
      return Result.failed(e.toString());
    }
  }

  private static Result kubectl(Path dir) throws Exception {
    Process p = new ProcessBuilder("kubectl", "kustomize", "--load-restrictor", RESTRICTOR, dir.toString())
        .redirectError(ProcessBuilder.Redirect.PIPE).start();
    p.getOutputStream().close();
    Future<byte[]> err = java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return Result.failed("kubectl timed out after 60 s");
    }
    String stderr = new String(err.get(), StandardCharsets.UTF_8).strip();
    return p.exitValue() == 0 ? Result.ok(out) : Result.failed(stderr);
  }

  private static byte[] readAll(java.io.InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }

  /** Tree paths ("" for the root) of the directories holding a kustomization file, sorted. */
  static Set<String> kustomizationDirs(Path root) throws IOException {
    Set<String> dirs = new TreeSet<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile)
          .filter(f -> KUSTOMIZATION_FILES.contains(f.getFileName().toString()))
          .filter(f -> !root.relativize(f).toString().startsWith(".git/"))
          .forEach(f -> dirs.add(root.relativize(f.getParent()).toString().replace('\\', '/')));
    }
    return dirs;
  }

  private static String run(Path cwd, String... command) throws Exception {
    Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0,
        String.join(" ", command) + " failed in " + cwd + ":\n" + out);
    return out;
  }

  /** Prints the figures and the listed differences; fails on a new difference or a stale entry. */
  private static void report(List<Comparison> all, KnownDifferences known, long millis) {
    StringBuilder text = new StringBuilder("DifferentialIT (native vs kubectl kustomize --load-restrictor ")
        .append(RESTRICTOR).append("): ").append(all.size()).append(" directories compared in ").append(millis)
        .append(" ms");
    for (Outcome o : Outcome.values()) {
      text.append(", ").append(o.name().toLowerCase(java.util.Locale.ROOT)).append(' ')
          .append(all.stream().filter(c -> c.outcome() == o).count());
    }
    text.append('\n');
    Set<String> unsupported = new TreeSet<>();
    all.stream().filter(c -> c.outcome() == Outcome.UNSUPPORTED)
        .forEach(c -> unsupported.add(c.key() + ": " + c.detail()));
    unsupported.forEach(u -> text.append("  unsupported (falls back to kubectl): ").append(u).append('\n'));

    Set<String> differing = all.stream().filter(c -> c.outcome() == Outcome.DIFFERENT).map(Comparison::key)
        .collect(Collectors.toCollection(TreeSet::new));
    known.entries().forEach((key, reason) -> text.append("  known difference ").append(key).append(": ")
        .append(reason).append(differing.contains(key) ? "" : "  -- NO LONGER DIFFERS").append('\n'));
    List<String> problems = new ArrayList<>();
    Set<String> reported = new TreeSet<>();
    for (Comparison c : all) {
      if (c.outcome() == Outcome.DIFFERENT && !known.contains(c.key()) && reported.add(c.key())) {
        problems.add("DIFFERS " + c.key() + " (built in " + c.where() + "):\n" + c.detail().indent(4));
      }
    }
    for (String key : known.entries().keySet()) {
      if (!differing.contains(key)) {
        problems.add("STALE " + key + " is listed in " + KnownDifferences.RESOURCE
            + " but no longer differs (or no longer exists): remove its line");
      }
    }
    System.out.println(text);
    if (!problems.isEmpty()) {
      fail(text + "\n" + problems.size() + " problem(s):\n" + String.join("\n", problems));
    }
  }
}
