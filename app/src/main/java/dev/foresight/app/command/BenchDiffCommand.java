package dev.foresight.app.command;

import dev.foresight.app.runtime.LocalPipeline;
import dev.foresight.app.runtime.Revisions;
import dev.foresight.differ.Differ;
import dev.foresight.renderer.RenderCounters;
import dev.foresight.renderer.Renderer;
import dev.foresight.renderer.RendererConfig;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.KustomizationReport;
import dev.foresight.schema.ProfileReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.eclipse.jgit.util.FileUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code foresight bench diff}: {@code foresight diff BASE HEAD} against the common CI approach
 * ({@code ../shared/bench/baseline-diff.sh}: worktrees + {@code kubectl kustomize} per Flux
 * Kustomization + {@code diff -u}) on the same range, in the same run; prints both times, the
 * ratio, what Foresight rendered and whether both found the same changed pairs.
 */
@Command(name = "diff", description = "Time foresight diff BASE HEAD against baseline-diff.sh on the same range.")
public final class BenchDiffCommand implements Callable<Integer> {

  private static final String BASELINE_SUFFIX = ".yaml.diff";

  @Mixin RepoOption repo;

  @Parameters(index = "0", paramLabel = "BASE") String base;

  @Parameters(index = "1", paramLabel = "HEAD") String head;

  @Option(names = "--baseline", paramLabel = "SCRIPT",
      description = "The baseline script (default: ../shared/bench/baseline-diff.sh, or $FORESIGHT_BASELINE).")
  Path baseline;

  @Option(names = "--warm", paramLabel = "A..B",
      description = "Before each timed run, run foresight on A..B untimed (repeatable), as earlier pushes would have: "
          + "warms the render cache, e.g. --warm BASE~1..BASE for a push.")
  List<String> warm = new ArrayList<>();

  @Option(names = "--runs", defaultValue = "3", description = "Timed foresight runs (default: 3), each on a fresh data directory after the --warm runs; the median is reported.")
  int runs;

  @Mixin
  EngineOption engine = new EngineOption();

  @Option(names = "--work-dir", paramLabel = "DIR", description = "Scratch directory (default: a temporary one).")
  Path workDir;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    BenchKustomizeCommand.checkRuns(spec, runs);
    for (String range : warm) {
      Revisions.splitRange(range, "--warm"); // before the baseline runs for minutes
    }
    if (workDir != null) {
      CliErrors.checkDataDir(workDir, "--work-dir");
    }
    Path root = repo.root(spec);
    Path script = baselineScript();
    Path work = workDir != null ? workDir : Files.createTempDirectory("foresight-bench-");
    ChangeRequested change = Revisions.localChange(root, base, head);
    ConfigValidator.check(root, change.getHead());
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf("bench diff %s %s..%s on %d cores, engine %s%n", root, base, head, cores,
        engine.describe());

    long t0 = System.nanoTime();
    Path baselineOut = work.resolve("baseline-out");
    Process process = new ProcessBuilder("bash", script.toString(), root.toString(), change.getBase(),
        change.getHead(), baselineOut.toString()).redirectErrorStream(true).start();
    String baselineSays = new String(process.getInputStream().readAllBytes()).trim();
    if (process.waitFor() != 0) {
      throw new IllegalStateException("the baseline failed: " + baselineSays);
    }
    double baselineSeconds = (System.nanoTime() - t0) / 1e9;
    Set<String> baselinePairs = baselinePairs(baselineOut);
    System.out.printf("baseline   %7.2f s  %s%n", baselineSeconds, baselineSays);

    List<Double> times = new ArrayList<>();
    LocalPipeline.Outcome outcome = null;
    RenderCounters counted = RenderCounters.ZERO;
    for (int run = 0; run < runs; run++) {
      Path data = work.resolve("foresight-" + run);
      RendererConfig config = RendererConfig.of(data);
      config = engine.apply(config);
      try (Renderer renderer = new Renderer(config);
          LocalPipeline pipeline = new LocalPipeline(renderer, cores)) {
        for (String range : warm) {
          String[] ends = Revisions.splitRange(range, "--warm");
          pipeline.run(Revisions.localChange(root, ends[0], ends[1]), p -> true, r -> { });
        }
        RenderCounters before = renderer.counters();
        long start = System.nanoTime();
        outcome = pipeline.run(change, p -> true, r -> { });
        times.add((System.nanoTime() - start) / 1e9);
        counted = renderer.counters().minus(before); // planning and rendering of this timed run
      }
      // a run's mirror and cache are only its own; the baseline's diffs stay for inspection
      FileUtils.delete(data.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING | FileUtils.IGNORE_ERRORS);
    }
    times.sort(Double::compare);
    double median = times.get(times.size() / 2);
    Set<String> foresightPairs = changedPairs(outcome);
    long total = outcome.plan().getPairs().size();
    System.out.printf("foresight  %7.2f s  (median of %d, %s), %d changed%n", median, runs,
        warm.isEmpty() ? "cold cache" : "cache warmed by " + String.join(", ", warm), foresightPairs.size());
    System.out.println("           " + figures(outcome.rendered(), total, counted)
        + String.format(" (last timed run); rendered pairs' sides from the cache: %d of %d", outcome.cacheHits(),
            outcome.results().size() * 2));
    System.out.printf("ratio      %7.1fx faster than the baseline%n", baselineSeconds / median);
    boolean same = foresightPairs.equals(baselinePairs);
    System.out.printf("changed pairs %s the baseline's (%d)%n", same ? "equal" : "DIFFER from", baselinePairs.size());
    if (!same) {
      System.out.println("  only foresight: " + minus(foresightPairs, baselinePairs));
      System.out.println("  only baseline:  " + minus(baselinePairs, foresightPairs));
    }
    return same ? 0 : 1;
  }

  private Path baselineScript() {
    if (baseline != null) {
      return baseline;
    }
    String env = System.getenv("FORESIGHT_BASELINE");
    if (env != null) {
      Path candidate = Path.of(env);
      if (!Files.exists(candidate)) {
        throw new IllegalArgumentException("FORESIGHT_BASELINE=" + env + " does not exist; point it at "
            + "../shared/bench/baseline-diff.sh beside the project root, or give --baseline FILE");
      }
      return candidate;
    }
    List<Path> tried = baselineCandidates(Path.of("").toAbsolutePath(), jarDirectory());
    for (Path candidate : tried) {
      if (Files.exists(candidate)) {
        return candidate;
      }
    }
    throw new IllegalArgumentException("baseline script not found (looked for " + tried + "); it comes from "
        + "../shared/bench/baseline-diff.sh beside the project root: give --baseline FILE or set FORESIGHT_BASELINE");
  }

  /**
   * Where {@code shared/bench/baseline-diff.sh} may be: the {@code foresight.shared} property, then
   * {@code ../shared} beside each directory from {@code cwd} and from the jar's directory upwards
   * (the project root is one of them, whether run from the root, a module or {@code app/target}).
   */
  static List<Path> baselineCandidates(Path cwd, Path jarDir) {
    Set<Path> out = new java.util.LinkedHashSet<>();
    String shared = System.getProperty("foresight.shared");
    if (shared != null && !shared.isBlank()) {
      out.add(Path.of(shared).toAbsolutePath().normalize().resolve("bench/baseline-diff.sh"));
    }
    for (Path start : java.util.Arrays.asList(cwd, jarDir)) {
      for (Path dir = start; dir != null; dir = dir.getParent()) {
        if (dir.getParent() != null) {
          out.add(dir.getParent().resolve("shared/bench/baseline-diff.sh").normalize());
        }
      }
    }
    return List.copyOf(out);
  }

  private static Path jarDirectory() {
    try {
      Path jar = Path.of(BenchDiffCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return jar.toAbsolutePath().getParent();
    } catch (Exception e) {
      return null;
    }
  }

  /**
   * What one timed run did, counted (not inferred from the plan): pairs planned RENDER of all
   * pairs, engine builds executed (planning included) and render-cache lookups and hits.
   */
  static String figures(long rendered, long total, RenderCounters counted) {
    return String.format(Locale.ROOT, "Flux Kustomizations rendered (planned RENDER) %d of %d; engine builds %d; "
            + "cache hits %d of %d lookups (%.1f %%)", rendered, total, counted.builds(), counted.cacheHits(),
        counted.cacheLookups(), 100 * counted.hitRate());
  }

  /**
   * The pairs baseline-diff.sh found different: it writes {@code OUT/<profile>--<file>.diff} for
   * each, {@code <file>} being {@code <metadata.name>.yaml} of a Flux Kustomization of
   * {@code profiles/<profile>/}; as {@code <profile>/<name>}. The layout carries no namespace, so
   * pairs are compared by profile and name only (two Flux Kustomizations of one name in one profile
   * would be one file to the baseline too). The profile ends at the first {@code --} (a profile
   * directory name has none in the layouts the baseline reads; a Kustomization name may).
   */
  static Set<String> baselinePairs(Path out) throws IOException {
    Set<String> pairs = new TreeSet<>();
    try (Stream<Path> files = Files.list(out)) {
      for (String name : (Iterable<String>) files.map(f -> f.getFileName().toString())::iterator) {
        int split = name.indexOf("--");
        if (!name.endsWith(BASELINE_SUFFIX) || split <= 0 || split + 2 >= name.length() - BASELINE_SUFFIX.length()) {
          continue;
        }
        pairs.add(name.substring(0, split) + "/" + name.substring(split + 2, name.length() - BASELINE_SUFFIX.length()));
      }
    }
    return pairs;
  }

  /** The pairs the report shows as changed, as {@code <profile>/<name>} (no namespace: see {@link #baselinePairs}). */
  static Set<String> changedPairs(LocalPipeline.Outcome outcome) {
    Set<String> pairs = new TreeSet<>();
    for (ProfileReport profile : outcome.report().getProfiles()) {
      for (KustomizationReport ks : profile.getKustomizations()) {
        if (Differ.changed(ks)) {
          pairs.add(profile.getName() + "/" + ks.getName());
        }
      }
    }
    return pairs;
  }

  private static Set<String> minus(Set<String> a, Set<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.removeAll(b);
    return out;
  }
}
