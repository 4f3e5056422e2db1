package dev.foresight.app.command;

import dev.foresight.kustomize.DirectoryFileTree;
import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.Kustomizer;
import dev.foresight.kustomize.build.BuildMemo;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code foresight bench kustomize}: the native engine (in-process, warm, median of N) against
 * {@code kubectl kustomize} processes on the same directories, in the same run; prints per-build
 * times, the ratio, whether the outputs are identical, and the heap used.
 */
@Command(name = "kustomize", description = "Native engine vs kubectl kustomize processes on the same overlays.")
public final class BenchKustomizeCommand implements Callable<Integer> {

  @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".", description = "Repository (work tree) to build in.")
  Path repo;

  @Option(names = "--dirs", paramLabel = "GLOB", defaultValue = "apps/overlays/*",
      description = "Directories to build, a glob relative to --repo (default: apps/overlays/*).")
  String dirs;

  @Option(names = "--runs", defaultValue = "5", description = "Native runs per directory after warm-up (median).")
  int runs;

  @Option(names = "--kubectl", defaultValue = "kubectl", description = "The kubectl to compare with.")
  String kubectl;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /** Refuses {@code --runs} below 1 (a median of nothing), as a usage error. */
  static void checkRuns(picocli.CommandLine.Model.CommandSpec spec, int runs) {
    if (runs < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--runs must be at least 1 (the median of that many timed runs is printed), got " + runs);
    }
  }

  @Override
  public Integer call() throws Exception {
    checkRuns(spec, runs);
    CliErrors.checkRepo(repo, "--repo");
    Path root = repo.toAbsolutePath().normalize();
    List<String> targets = targets(root);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("no directory matches " + dirs + " under " + root);
    }
    FileTree tree = new DirectoryFileTree(root);
    String largest = largest(root, targets);
    System.out.printf("bench kustomize %s: %d directories (%s), largest %s, %d cores%n", root, targets.size(), dirs,
        largest, Runtime.getRuntime().availableProcessors());

    for (int i = 0; i < 3; i++) { // warm up the JIT on every directory, with and without a memo
      Kustomizer warm = new Kustomizer(new BuildMemo());
      for (String dir : targets) {
        Kustomizer.buildYaml(tree, dir);
        warm.yaml(tree, dir);
      }
    }
    double nativeLargest = median(() -> Kustomizer.buildYaml(tree, largest));
    Kustomizer memoised = new Kustomizer(new BuildMemo());
    memoised.yaml(tree, largest);
    double memoLargest = median(() -> memoised.yaml(tree, largest));
    double kubectlLargest = kubectlSeconds(root, largest);

    double nativeAll = median(() -> {
      for (String dir : targets) {
        Kustomizer.buildYaml(tree, dir);
      }
    });
    double coldMemoAll = median(() -> {
      Kustomizer fresh = new Kustomizer(new BuildMemo());
      for (String dir : targets) {
        fresh.yaml(tree, dir);
      }
    });
    Kustomizer shared = new Kustomizer(new BuildMemo());
    for (String dir : targets) {
      shared.yaml(tree, dir);
    }
    BuildMemo.Stats filled = shared.memo().stats();
    double warmMemoAll = median(() -> {
      for (String dir : targets) {
        shared.yaml(tree, dir);
      }
    });
    long start = System.nanoTime();
    int identical = 0;
    int identicalMemo = 0;
    for (String dir : targets) {
      String expected = kubectlOutput(root, dir);
      identical += Kustomizer.buildYaml(tree, dir).equals(expected) ? 1 : 0;
      identicalMemo += shared.yaml(tree, dir).equals(expected) ? 1 : 0;
    }
    start = System.nanoTime();
    for (String dir : targets) {
      kubectlOutput(root, dir);
    }
    double kubectlAll = (System.nanoTime() - start) / 1e9;
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();

    System.out.printf("largest  native %8.1f ms (median of %d, warm, no memo)   kubectl kustomize %8.1f ms   "
        + "ratio %6.1fx%n", nativeLargest * 1000, runs, kubectlLargest * 1000, kubectlLargest / nativeLargest);
    System.out.printf("largest  native %8.1f ms (median of %d, warm memo)       kubectl kustomize %8.1f ms   "
        + "ratio %6.1fx%n", memoLargest * 1000, runs, kubectlLargest * 1000, kubectlLargest / memoLargest);
    System.out.printf("all %3d  native %8.1f ms (median of %d, no memo)         kubectl kustomize %8.1f ms   "
        + "ratio %6.1fx%n", targets.size(), nativeAll * 1000, runs, kubectlAll * 1000, kubectlAll / nativeAll);
    System.out.printf("all %3d  native %8.1f ms (median of %d, cold memo)       kubectl kustomize %8.1f ms   "
        + "ratio %6.1fx%n", targets.size(), coldMemoAll * 1000, runs, kubectlAll * 1000, kubectlAll / coldMemoAll);
    System.out.printf("all %3d  native %8.1f ms (median of %d, warm memo)       kubectl kustomize %8.1f ms   "
        + "ratio %6.1fx%n", targets.size(), warmMemoAll * 1000, runs, kubectlAll * 1000, kubectlAll / warmMemoAll);
    System.out.printf("memo after one pass over the %d directories: %s; now %s%n", targets.size(), filled,
        shared.memo().stats());
    System.out.printf("identical output: %d/%d without memo, %d/%d with memo; heap used after GC: %d MB "
        + "(memo of %d entries held)%n", identical, targets.size(), identicalMemo, targets.size(),
        heap / (1024 * 1024), shared.memo().stats().entries());
    return identical == targets.size() && identicalMemo == targets.size() ? 0 : 1;
  }

  @FunctionalInterface
  private interface Work {
    void run() throws KustomizeException;
  }

  private double median(Work work) throws KustomizeException {
    double[] times = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      work.run();
      times[i] = (System.nanoTime() - start) / 1e9;
    }
    Arrays.sort(times);
    return times[runs / 2];
  }

  private double kubectlSeconds(Path root, String dir) throws IOException, InterruptedException {
    double[] times = new double[Math.max(3, Math.min(runs, 5))];
    for (int i = 0; i < times.length; i++) {
      long start = System.nanoTime();
      kubectlOutput(root, dir);
      times[i] = (System.nanoTime() - start) / 1e9;
    }
    Arrays.sort(times);
    return times[times.length / 2];
  }

  private String kubectlOutput(Path root, String dir) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(kubectl, "kustomize", root.resolve(dir).toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(kubectl + " kustomize " + dir + " failed");
    }
    return out;
  }

  private List<String> targets(Path root) throws IOException {
    var matcher = root.getFileSystem().getPathMatcher("glob:" + dirs);
    List<String> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root, 4)) {
      walk.filter(Files::isDirectory).map(root::relativize).filter(matcher::matches)
          .filter(p -> Files.exists(root.resolve(p).resolve("kustomization.yaml")))
          .map(p -> p.toString().replace('\\', '/')).sorted().forEach(out::add);
    }
    return out;
  }

  /** The directory whose kubectl output is largest. */
  private String largest(Path root, List<String> targets) throws IOException, InterruptedException {
    String best = targets.get(0);
    int bestSize = -1;
    for (String dir : targets) {
      int size = kubectlOutput(root, dir).length();
      if (size > bestSize) {
        bestSize = size;
        best = dir;
      }
    }
    return best;
  }
}
