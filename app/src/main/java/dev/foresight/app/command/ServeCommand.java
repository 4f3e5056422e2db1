package dev.foresight.app.command;

import dev.foresight.app.runtime.RuntimeOptions;
import dev.foresight.app.runtime.Services;
import dev.foresight.app.runtime.Stage;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code foresight serve STAGE}: one stage service; run more instances to scale it. Runs until the
 * JVM is asked to stop (Ctrl-C, SIGTERM) or its thread is interrupted, and closes the stage first.
 */
@Command(name = "serve", description = "Run one stage (ingest, renderer, differ, publisher) against a Kafka cluster.")
public final class ServeCommand implements Callable<Integer> {

  @Mixin DataDirOption dataDir;
  @Mixin StageOptions stage;

  @Parameters(index = "0", paramLabel = "STAGE", description = "ingest, renderer, differ or publisher")
  String stageName;

  @Option(names = "--bootstrap-servers", paramLabel = "B", required = true, description = "Kafka bootstrap servers.")
  String bootstrapServers;

  @Override
  public Integer call() throws Exception {
    Stage which = Stage.parse(stageName);
    if (which == Stage.INGEST && (StageOptions.webhookSecret() == null || StageOptions.webhookSecret().isBlank())) {
      throw new IllegalArgumentException("FORESIGHT_GITHUB_WEBHOOK_SECRET is not set: ingest refuses unsigned "
          + "webhooks; set it to the secret configured on the GitHub webhook");
    }
    long cacheMaxBytes = dataDir.cacheMaxBytes();
    try (UntilStopped until = UntilStopped.install("foresight-serve-" + which.id())) {
      try (Services services = Services.start(new RuntimeOptions(bootstrapServers, dataDir.checked(), stage.webhookPort,
          StageOptions.webhookSecret(), stage.workers(), Duration.ofMinutes(10), cacheMaxBytes), Set.of(which))) {
        until.await();
      }
    }
    return 0;
  }
}
