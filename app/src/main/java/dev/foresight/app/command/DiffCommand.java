package dev.foresight.app.command;

import dev.foresight.app.runtime.LocalPipeline;
import dev.foresight.app.runtime.ProfileSelection;
import dev.foresight.app.runtime.Revisions;
import dev.foresight.differ.DiffSettings;
import dev.foresight.publisher.Views;
import dev.foresight.renderer.Renderer;
import dev.foresight.renderer.RendererConfig;
import dev.foresight.renderer.flux.Profile;
import dev.foresight.renderer.secret.MaskKey;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.Report;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code foresight diff BASE HEAD}: render both commits and diff, locally, without Kafka. */
@Command(name = "diff", description = "Render every profile at BASE and HEAD and show what changes (no Kafka).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {ExitCodes.HELP_SAME, ExitCodes.HELP_DIFFERENT, ExitCodes.HELP_ERROR})
public final class DiffCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin DataDirOption dataDir;

  @Mixin RepoOption repo;

  @Parameters(index = "0", paramLabel = "BASE", description = "Base revision (branch, tag, sha, master~1 ...).")
  String base;

  @Parameters(index = "1", paramLabel = "HEAD", description = "Head revision.")
  String head;

  @Option(names = "--ref", paramLabel = "REF", description = "The branch the change moves (default: BASE when both "
      + "BASE and HEAD are branches, as in a pull request into BASE, e.g. `staging master` previews the promotion of "
      + "master to staging; else HEAD when it is a branch or tag; else none: the report names the commits). "
      + "refs/pull/N/merge (a CI checkout of a pull request) means --pull-request N.")
  String ref;

  @Option(names = "--pull-request", paramLabel = "N", description = "The change is pull request N into BASE's branch:"
      + " reported as the pipeline reports GitHub's, its Markdown marker <repo>#pull/N the same after every push.")
  Integer pullRequest;

  @Option(names = "--profile", paramLabel = "P",
      description = "Only these profiles (repeatable); a name that is no profile is an error (exit 2).")
  List<String> profiles = new ArrayList<>();

  @Option(names = "--profile-path", paramLabel = "NAME=DIR", description = "Render profile NAME from directory DIR"
      + " of the repository at both sides, instead of foresight.yaml profiles: or discovery (repeatable).")
  List<String> profilePaths = new ArrayList<>();

  @Option(names = "--format", defaultValue = "text",
      description = "text, markdown (GitHub comment parts, each starting with <!-- foresight:part N/M ... -->), "
          + "json (docs/report-json.md), html (self-contained page) or slack (Block Kit payload) (default: text).")
  ReportFormat format;

  @Option(names = "--output", paramLabel = "FILE", description = "Write the report here instead of stdout.")
  Path output;

  @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
      description = "ANSI colours in the text view: auto (when stdout is a terminal and NO_COLOR is unset), always or "
          + "never (default: auto).")
  ColorMode color;

  @Option(names = "--report-url", paramLabel = "URL",
      description = "Link to the full report (e.g. the archive's HTML page), used by Markdown truncation notes and Slack.")
  String reportUrl;

  @Option(names = "--markdown-limit", paramLabel = "CHARS", defaultValue = "65536",
      description = "Characters per Markdown part, marker included (default: 65536, GitHub's comment limit).")
  int markdownLimit;

  @Option(names = "--markdown-parts", paramLabel = "N", defaultValue = "10",
      description = "Markdown parts at most; objects beyond are counted in a final note (default: 10).")
  int markdownParts;

  @Option(names = "--exit-code", description = "Exit 1 when something differs (like git diff --exit-code); errors "
      + "exit 2 with or without it.")
  boolean exitCode;

  @Mixin
  EngineOption engine = new EngineOption();

  @Mixin
  RemoteAllowOption remoteAllow = new RemoteAllowOption();

  @Option(names = "--no-cache", description = "Render everything again instead of reusing renders of unchanged inputs.")
  boolean noCache;

  @Option(names = "--all", description = "Render every Flux Kustomization, also those no changed file can affect.")
  boolean all;

  @Option(names = "--context", paramLabel = "N", defaultValue = "3",
      description = "Lines of context around each change in the object diffs (default: 3).")
  int context;

  @Option(names = "--jobs", defaultValue = "0", description = "Parallel renders (default 0: one per core).")
  int jobs;

  @Override
  public Integer call() throws Exception {
    Views.Options options = new Views.Options(color.enabled(output != null), reportUrl, markdownLimit, markdownParts);
    options.markdown(); // checks the limits before rendering
    if (context < 0) {
      throw new ParameterException(spec.commandLine(), "--context must be 0 or more lines, got " + context);
    }
    if (jobs < 0) {
      throw new ParameterException(spec.commandLine(), "--jobs must be 0 (one per core) or more, got " + jobs);
    }
    List<Profile> paths;
    try {
      paths = ProfilePaths.parse(profilePaths);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (output != null) {
      CliErrors.checkOutput(output, "--output");
    }
    var remotePolicy = remoteAllow.policy(spec);
    Path data = dataDir.checked();
    PrintWriter err = spec.commandLine().getErr();
    Path root = repo.root(spec);
    ChangeRequested change = Revisions.localChange(root, base, head, ref, pullRequest);
    ConfigValidator.check(root, change.getHead());
    int parallelism = jobs > 0 ? jobs : Runtime.getRuntime().availableProcessors();
    AtomicInteger done = new AtomicInteger();
    Report report;
    DiffSettings diffSettings = DiffSettings.defaults().withContext(context);
    RendererConfig config = new RendererConfig(data, MaskKey.load(data), Duration.ofMinutes(2))
        .withCache(!noCache).withAffectedOnly(!all).withCacheMaxBytes(dataDir.cacheMaxBytes()).withProfilePaths(paths);
    config = engine.apply(config);
    try (Renderer renderer = new Renderer(config);
        LocalPipeline pipeline = new LocalPipeline(renderer, parallelism)) {
      renderer.setRemotePolicy(remotePolicy);
      report = pipeline.run(change, ProfileSelection.of(profiles), result -> {
        if (System.console() != null) {
          err.printf("\rrendered %d: %s/%s   ", done.incrementAndGet(), result.getProfile(),
              result.getKustomization());
          err.flush();
        }
      }, diffSettings).report();
    }
    if (System.console() != null && done.get() > 0) {
      err.println();
    }
    String text = format.render(report, options);
    if (output != null) {
      Files.writeString(output, text, StandardCharsets.UTF_8);
      err.println("report written to " + output.toAbsolutePath());
    } else {
      spec.commandLine().getOut().print(text);
      spec.commandLine().getOut().flush();
    }
    for (String error : ExitCodes.errors(report)) {
      err.println("foresight diff: " + error);
    }
    return ExitCodes.of(report, exitCode);
  }
}
