package dev.foresight.renderer;

import dev.foresight.renderer.engine.ExecEngine;
import dev.foresight.renderer.secret.MaskKey;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Configuration of a {@link Renderer}.
 *
 * @param dataDir holds the git mirrors ({@code mirrors/}) and temporary trees ({@code work/})
 * @param maskKey the key of the Secret value digests; the same for every renderer instance
 * @param timeout the limit of one kustomize build
 * @param cache serve unchanged builds from the render cache under {@code <dataDir>/cache}
 * @param affectedOnly plan pairs whose inputs did not change as SKIP
 */
public record RendererConfig(Path dataDir, byte[] maskKey, Duration timeout, boolean cache, boolean affectedOnly) {

  /** With the render cache and affected-only planning on (the defaults). */
  public RendererConfig(Path dataDir, byte[] maskKey, Duration timeout) {
    this(dataDir, maskKey, timeout, true, true);
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
  }

  /** Defaults: the mask key of {@link MaskKey#load}, a 120 s timeout. */
  public static RendererConfig of(Path dataDir) throws IOException {
    return new RendererConfig(dataDir, MaskKey.load(dataDir), ExecEngine.DEFAULT_TIMEOUT);
  }

  public RendererConfig withCache(boolean on) {
    return new RendererConfig(dataDir, maskKey, timeout, on, affectedOnly);
  }

  public RendererConfig withAffectedOnly(boolean on) {
    return new RendererConfig(dataDir, maskKey, timeout, cache, on);
  }

  @Override
  public byte[] maskKey() {
    return maskKey.clone();
  }
}
