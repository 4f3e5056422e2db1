package dev.foresight.app.command;

import dev.foresight.app.runtime.LocalPipeline;
import dev.foresight.app.runtime.PublicationWatcher;
import dev.foresight.ingest.sink.KafkaChangeSink;
import dev.foresight.ingest.replay.ReplayEvents;
import dev.foresight.publisher.ArchivePublisher;
import dev.foresight.publisher.SummaryLine;
import dev.foresight.renderer.Renderer;
import dev.foresight.renderer.RendererConfig;
import dev.foresight.renderer.remote.RemotePolicy;
import dev.foresight.renderer.secret.MaskKey;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.Publication;
import dev.foresight.schema.Report;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code foresight replay --events FILE}: historical ref updates into the pipeline
 * ({@code --bootstrap-servers}), or straight to reports in the archive without Kafka.
 */
@Command(name = "replay", description = "Replay historical ref updates (JSON lines) into the pipeline, "
    + "or, without --bootstrap-servers, straight to reports in the archive.")
public final class ReplayCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin DataDirOption dataDir;

  @Mixin
  RemoteAllowOption remoteAllow = new RemoteAllowOption();

  @Option(names = "--events", paramLabel = "FILE", required = true,
      description = "JSON lines of ref updates {kind, ref, before, after, time, ...} (e.g. pushes.jsonl).")
  Path events;

  @Mixin RepoOption repo;

  @Option(names = "--bootstrap-servers", paramLabel = "B", description = "Send to this Kafka cluster's pipeline.")
  String bootstrapServers;

  @Option(names = "--limit", defaultValue = "0", description = "Replay only the first N events (0: all).")
  int limit;

  @Option(names = "--wait", defaultValue = "0", paramLabel = "SECONDS",
      description = "With --bootstrap-servers: wait up to SECONDS for every report to be published.")
  int waitSeconds;

  @Override
  public Integer call() throws Exception {
    if (bootstrapServers != null && !remoteAllow.prefixes.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--remote-allow applies to a local replay; the pipeline's"
          + " renderer takes its allow-list from " + RemotePolicy.ENVIRONMENT + " where it runs (serve, up)");
    }
    RemotePolicy policy = remoteAllow.policy(spec);
    CliErrors.checkInputFile(events, "--events", "a JSON-lines file of ref updates (e.g. pushes.jsonl)");
    if (bootstrapServers == null) {
      dataDir.checked();
    }
    Path root = repo.root(spec);
    List<ChangeRequested> changes = ReplayEvents.read(events, root.toString());
    if (changes.isEmpty()) {
      spec.commandLine().getErr().println("foresight replay: --events " + events.toAbsolutePath() + " has no events"
          + " (only blank lines); nothing to replay");
    }
    if (limit > 0 && changes.size() > limit) {
      changes = changes.subList(0, limit);
    }
    return bootstrapServers == null ? replayLocally(changes, policy) : replayToKafka(changes);
  }

  private int replayToKafka(List<ChangeRequested> changes) throws Exception {
    Set<String> ids = new LinkedHashSet<>();
    try (KafkaChangeSink sink = new KafkaChangeSink(bootstrapServers)) {
      for (ChangeRequested change : changes) {
        sink.submit(change);
        ids.add(change.getChangeId());
      }
    }
    System.out.printf("%d change(s) sent to %s%n", changes.size(), bootstrapServers);
    if (waitSeconds > 0) {
      try (PublicationWatcher watcher = new PublicationWatcher(bootstrapServers)) {
        watcher.await(ids, Duration.ofSeconds(waitSeconds), ReplayCommand::print);
      }
    }
    return 0;
  }

  private int replayLocally(List<ChangeRequested> changes, RemotePolicy policy) throws Exception {
    Path data = dataDir.checked();
    ArchivePublisher archive = new ArchivePublisher(data.resolve("archive"));
    try (Renderer renderer = new Renderer(new RendererConfig(data, MaskKey.load(data), Duration.ofMinutes(2))
        .withCacheMaxBytes(dataDir.cacheMaxBytes()));
        LocalPipeline pipeline = new LocalPipeline(renderer, Runtime.getRuntime().availableProcessors())) {
      renderer.setRemotePolicy(policy);
      int n = 0;
      for (ChangeRequested change : changes) {
        System.err.printf("[%d/%d] %s %s%n", ++n, changes.size(), change.getKind(), change.getRef());
        Report report = pipeline.run(change, p -> true, r -> { }).report();
        print(report, archive.publish(report));
      }
    }
    return 0;
  }

  static void print(Report report, Publication publication) {
    System.out.println(SummaryLine.of(report));
    System.out.println("  " + publication.getLocation());
  }
}
