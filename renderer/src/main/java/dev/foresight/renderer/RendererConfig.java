package dev.foresight.renderer;

import dev.foresight.renderer.cache.RenderCache;
import dev.foresight.renderer.engine.EngineChoice;
import dev.foresight.renderer.engine.ExecEngine;
import dev.foresight.renderer.flux.Profile;
import dev.foresight.renderer.secret.MaskKey;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Configuration of a {@link Renderer}.
 *
 * @param dataDir holds the git mirrors ({@code mirrors/}) and temporary trees ({@code work/})
 * @param maskKey the key of the Secret value digests; the same for every renderer instance
 * @param timeout the limit of one kustomize build
 * @param cache serve unchanged builds from the render cache under {@code <dataDir>/cache}
 * @param affectedOnly plan pairs whose inputs did not change as SKIP
 * @param engine which engine renders
 * @param cacheMaxBytes the bound of the render cache on disk (least recently used entries go first)
 * @param profilePaths profiles given on the command line ({@code --profile-path NAME=DIR}): when not
 *     empty, both sides render exactly these, whatever foresight.yaml or discovery say
 */
public record RendererConfig(Path dataDir, byte[] maskKey, Duration timeout, boolean cache, boolean affectedOnly,
    EngineChoice engine, long cacheMaxBytes, List<Profile> profilePaths) {

  /**
   * The default engine: native (it passes the whole public conformance corpus, ConformanceTest),
   * falling back to exec for what it does not support; {@code FORESIGHT_ENGINE} or {@code --engine}
   * choose another.
   */
  public static final EngineChoice DEFAULT_ENGINE = EngineChoice.NATIVE;

  /** With the render cache, affected-only planning and the default engine. */
  public RendererConfig(Path dataDir, byte[] maskKey, Duration timeout) {
    this(dataDir, maskKey, timeout, true, true, defaultEngine(), RenderCache.DEFAULT_MAX_BYTES, List.of());
  }

  /** {@code $FORESIGHT_ENGINE}, else {@link #DEFAULT_ENGINE}. */
  public static EngineChoice defaultEngine() {
    String env = System.getenv("FORESIGHT_ENGINE");
    return env == null || env.isBlank() ? DEFAULT_ENGINE : EngineChoice.parse(env.trim());
  }

  public RendererConfig {
    if (dataDir == null) {
      throw new IllegalArgumentException("renderer dataDir is not set; pass --data-dir or set it in the configuration");
    }
    if (maskKey == null || maskKey.length == 0) {
      throw new IllegalArgumentException("renderer maskKey is empty; use MaskKey.load(dataDir) or set FORESIGHT_MASK_KEY");
    }
    if (timeout == null) {
      timeout = ExecEngine.DEFAULT_TIMEOUT;
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("renderer timeout must be positive, was " + timeout);
    }
    maskKey = maskKey.clone();
    profilePaths = profilePaths == null ? List.of() : List.copyOf(profilePaths);
    if (engine == null) {
      engine = DEFAULT_ENGINE;
    }
    if (cacheMaxBytes <= 0) {
      throw new IllegalArgumentException("render cache bound must be a positive number of bytes, was " + cacheMaxBytes
          + "; set --cache-max-bytes or FORESIGHT_CACHE_MAX_BYTES (default " + RenderCache.DEFAULT_MAX_BYTES + ")");
    }
  }

  /** Defaults: the mask key of {@link MaskKey#load}, a 120 s timeout. */
  public static RendererConfig of(Path dataDir) throws IOException {
    return new RendererConfig(dataDir, MaskKey.load(dataDir), ExecEngine.DEFAULT_TIMEOUT);
  }

  public RendererConfig withCache(boolean on) {
    return new RendererConfig(dataDir, maskKey, timeout, on, affectedOnly, engine, cacheMaxBytes, profilePaths);
  }

  public RendererConfig withAffectedOnly(boolean on) {
    return new RendererConfig(dataDir, maskKey, timeout, cache, on, engine, cacheMaxBytes, profilePaths);
  }

  public RendererConfig withEngine(EngineChoice choice) {
    return new RendererConfig(dataDir, maskKey, timeout, cache, affectedOnly, choice, cacheMaxBytes, profilePaths);
  }

  /** The render cache bounded by {@code bytes} (more than 0). */
  public RendererConfig withCacheMaxBytes(long bytes) {
    return new RendererConfig(dataDir, maskKey, timeout, cache, affectedOnly, engine, bytes, profilePaths);
  }

  /** Renders exactly {@code profiles} at both sides ({@code --profile-path}); empty: foresight.yaml or discovery. */
  public RendererConfig withProfilePaths(List<Profile> profiles) {
    return new RendererConfig(dataDir, maskKey, timeout, cache, affectedOnly, engine, cacheMaxBytes, profiles);
  }

  @Override
  public byte[] maskKey() {
    return maskKey.clone();
  }
}
