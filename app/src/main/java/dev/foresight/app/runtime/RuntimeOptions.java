package dev.foresight.app.runtime;

import dev.foresight.renderer.cache.RenderCache;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the stage services, validated at start-up.
 *
 * @param bootstrapServers Kafka to talk to
 * @param dataDir mirrors, render cache, mask key, differ state and the archive live here
 * @param webhookPort port of the ingest webhook server (0: any free port)
 * @param webhookSecret GitHub webhook secret (FORESIGHT_GITHUB_WEBHOOK_SECRET); null disables ingest's server
 * @param renderWorkers render worker loops per renderer instance
 * @param reportTimeout after this, the differ emits a partial report naming what did not render
 * @param cacheMaxBytes bound of the render cache under the data directory ({@code --cache-max-bytes})
 */
public record RuntimeOptions(String bootstrapServers, Path dataDir, int webhookPort, String webhookSecret,
    int renderWorkers, Duration reportTimeout, long cacheMaxBytes) {

  /** With the default render cache bound ({@link RenderCache#DEFAULT_MAX_BYTES}). */
  public RuntimeOptions(String bootstrapServers, Path dataDir, int webhookPort, String webhookSecret,
      int renderWorkers, Duration reportTimeout) {
    this(bootstrapServers, dataDir, webhookPort, webhookSecret, renderWorkers, reportTimeout,
        RenderCache.DEFAULT_MAX_BYTES);
  }

  public RuntimeOptions {
    Objects.requireNonNull(bootstrapServers, "bootstrap servers");
    Objects.requireNonNull(dataDir, "data directory");
    if (renderWorkers < 1) {
      throw new IllegalArgumentException("--workers must be at least 1, was " + renderWorkers);
    }
    if (cacheMaxBytes <= 0) {
      throw new IllegalArgumentException("--cache-max-bytes must be positive, was " + cacheMaxBytes);
    }
    if (webhookPort < 0 || webhookPort > 65535) {
      throw new IllegalArgumentException("--webhook-port must be 0..65535, was " + webhookPort);
    }
  }

  public Path archiveDir() {
    return dataDir.resolve("archive");
  }
}
