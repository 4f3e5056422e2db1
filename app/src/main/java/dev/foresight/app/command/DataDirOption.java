package dev.foresight.app.command;

import dev.foresight.renderer.cache.RenderCache;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** {@code --data-dir}: mirrors, caches, broker data and the archive; {@code --cache-max-bytes}: the render cache's bound. */
public final class DataDirOption {

  public static final String CACHE_MAX_BYTES_ENV = "FORESIGHT_CACHE_MAX_BYTES";

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(?:([kmgt])(?:i?b)?|b)?");

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Where Foresight keeps mirrors, caches, broker data and the archive "
          + "(default: $FORESIGHT_DATA_DIR or ~/.foresight).")
  Path dataDir;

  @Option(names = "--cache-max-bytes", paramLabel = "SIZE",
      description = "Bound of the render cache under the data directory, in bytes or with K, M, G, T (powers of "
          + "1024), e.g. 2G; least recently used renders go first (default: $" + CACHE_MAX_BYTES_ENV + " or 512M).")
  String cacheMaxBytes;

  public Path get() {
    if (dataDir != null) {
      return dataDir.toAbsolutePath();
    }
    String env = System.getenv("FORESIGHT_DATA_DIR");
    return env != null && !env.isBlank() ? Path.of(env).toAbsolutePath()
        : Path.of(System.getProperty("user.home"), ".foresight");
  }

  /**
   * {@link #get()}, checked before any work: a directory, or creatable as one, and writable.
   *
   * @throws IllegalArgumentException saying what is wrong and how to fix it
   */
  public Path checked() {
    Path dir = get();
    CliErrors.checkDataDir(dir, dataDir != null ? "--data-dir" : "the data directory ($FORESIGHT_DATA_DIR or"
        + " ~/.foresight)");
    return dir;
  }

  /** {@code --cache-max-bytes}, else {@code $FORESIGHT_CACHE_MAX_BYTES}, else {@link RenderCache#DEFAULT_MAX_BYTES}. */
  public long cacheMaxBytes() {
    if (cacheMaxBytes != null) {
      return parseSize(cacheMaxBytes, "--cache-max-bytes");
    }
    String env = System.getenv(CACHE_MAX_BYTES_ENV);
    return env != null && !env.isBlank() ? parseSize(env, CACHE_MAX_BYTES_ENV) : RenderCache.DEFAULT_MAX_BYTES;
  }

  /** {@code 536870912}, {@code 512M}, {@code 512MiB}, {@code 2g}: bytes; {@code where} names the setting in errors. */
  static long parseSize(String text, String where) {
    Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    long bytes = -1;
    if (m.matches()) {
      int shift = m.group(2) == null ? 0 : 10 * ("kmgt".indexOf(m.group(2)) + 1);
      try {
        long n = Long.parseLong(m.group(1));
        bytes = n > (Long.MAX_VALUE >> shift) ? -1 : n << shift;
      } catch (NumberFormatException e) {
        bytes = -1;
      }
    }
    if (bytes <= 0) {
      throw new IllegalArgumentException(where + " must be a positive size in bytes, optionally with K, M, G or T "
          + "(powers of 1024), e.g. 536870912 or 512M; got '" + text + "'");
    }
    return bytes;
  }
}
