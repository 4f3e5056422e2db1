package dev.foresight.app.command;

import dev.foresight.app.runtime.LocalPipeline;
import dev.foresight.app.runtime.Revisions;
import dev.foresight.publisher.Views;
import dev.foresight.renderer.Renderer;
import dev.foresight.renderer.RendererConfig;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.Report;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.eclipse.jgit.util.FileUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code foresight bench report --repo DIR RANGE...}: renders each range as {@code foresight diff}
 * does (Renderer + Differ, no Kafka), builds every view, and prints per view its size, the number
 * of Markdown comment parts, the time to build all views (median) and how many Secret values of
 * the repository appear in clear in any view.
 */
@Command(name = "report", description = "Render ranges like foresight diff, build every view, print sizes, parts, "
    + "build time and Secret values leaked into any view.")
public final class BenchReportCommand implements Callable<Integer> {

  @Mixin RepoOption repo;

  @Parameters(paramLabel = "RANGE", arity = "1..*", description = "BASE..HEAD ranges, e.g. staging..master master~60..master.")
  List<String> ranges = new ArrayList<>();

  @Option(names = "--runs", defaultValue = "5", description = "Times every view is built per range; the median is printed (default: 5).")
  int runs;

  @Mixin
  EngineOption engine = new EngineOption();

  @Option(names = "--report-url", paramLabel = "URL", defaultValue = "https://foresight.example.com/archive/report.html",
      description = "Link the views put in truncation notes and Slack (default: a placeholder).")
  String reportUrl;

  @Option(names = "--work-dir", paramLabel = "DIR", description = "Data directory for the renders (default: a temporary one).")
  Path workDir;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    BenchKustomizeCommand.checkRuns(spec, runs);
    for (String range : ranges) {
      Revisions.splitRange(range, "RANGE"); // every range checked before the first renders
    }
    if (workDir != null) {
      CliErrors.checkDataDir(workDir, "--work-dir");
    }
    Path root = repo.root(spec);
    Path data = workDir != null ? workDir : Files.createTempDirectory("foresight-bench-report-");
    int cores = Runtime.getRuntime().availableProcessors();
    RendererConfig config = RendererConfig.of(data);
    config = engine.apply(config);
    Views.Options options = Views.Options.defaults().withReportUrl(reportUrl);
    System.out.printf("bench report %s on %d cores, %d runs per range%n", root, cores, runs);
    int leakedTotal = 0;
    try (Renderer renderer = new Renderer(config); LocalPipeline pipeline = new LocalPipeline(renderer, cores)) {
      for (String range : ranges) {
        String[] ends = Revisions.splitRange(range, "RANGE");
        ChangeRequested change = Revisions.localChange(root, ends[0], ends[1]);
        long t0 = System.nanoTime();
        Report report = pipeline.run(change, p -> true, r -> { }).report();
        double renderSeconds = (System.nanoTime() - t0) / 1e9;
        List<Double> times = new ArrayList<>();
        Views.All views = null;
        for (int run = 0; run < runs; run++) {
          long start = System.nanoTime();
          views = Views.all(report, options);
          times.add((System.nanoTime() - start) / 1e6);
        }
        times.sort(Double::compare);
        Set<String> secrets = SecretValues.atRevision(root, change.getHead());
        List<String> leaked = SecretValues.leaked(secrets, views.outputs());
        leakedTotal += leaked.size();
        int objects = report.getProfiles().stream().flatMap(p -> p.getKustomizations().stream())
            .mapToInt(k -> k.getObjects().size()).sum();
        System.out.printf("%n%s (%s..%s): %d profiles, %d object diffs, rendered and diffed in %.1f s%n", range,
            change.getBase().substring(0, 7), change.getHead().substring(0, 7), report.getProfiles().size(), objects,
            renderSeconds);
        line("text", views.text());
        line("markdown", String.join("", views.markdown()));
        int largest = views.markdown().stream().mapToInt(String::length).max().orElse(0);
        System.out.printf("  %-9s %d part%s, largest %,d chars%n", "", views.markdown().size(),
            views.markdown().size() == 1 ? "" : "s", largest);
        line("json", views.json());
        line("html", views.html());
        line("slack", views.slack());
        System.out.printf("  all views built in %.1f ms (median of %d)%n", times.get(times.size() / 2), times.size());
        System.out.printf("  secret values in the repository at head: %d, found in clear in a view: %d%s%n",
            secrets.size(), leaked.size(), leaked.isEmpty() ? "" : " (" + leaked.size() + " leaked!)");
      }
    } finally {
      if (workDir == null) {
        FileUtils.delete(data.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING | FileUtils.IGNORE_ERRORS);
      }
    }
    return leakedTotal == 0 ? 0 : 1;
  }

  private static void line(String view, String text) {
    System.out.printf("  %-9s %,12d chars %,12d bytes%n", view, text.length(),
        text.getBytes(StandardCharsets.UTF_8).length);
  }
}
