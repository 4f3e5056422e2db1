package dev.foresight.differ.stream;

import dev.foresight.differ.DiffSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * Differ stage settings.
 *
 * @param punctuateInterval how often (wall clock) to look for changes that waited too long
 * @param timeout how long after its first record a change is reported partially
 * @param diff how diffs are written (context lines)
 */
public record DifferOptions(Duration punctuateInterval, Duration timeout, DiffSettings diff) {

  public static final Duration DEFAULT_PUNCTUATE_INTERVAL = Duration.ofSeconds(10);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  public DifferOptions {
    Objects.requireNonNull(punctuateInterval, "punctuateInterval");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(diff, "diff");
    if (punctuateInterval.isNegative() || punctuateInterval.isZero()) {
      throw new IllegalArgumentException("differ punctuateInterval must be positive, got " + punctuateInterval);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("differ timeout must be positive, got " + timeout);
    }
  }

  /** Default diff settings. */
  public DifferOptions(Duration punctuateInterval, Duration timeout) {
    this(punctuateInterval, timeout, DiffSettings.defaults());
  }

  public static DifferOptions defaults() {
    return new DifferOptions(DEFAULT_PUNCTUATE_INTERVAL, DEFAULT_TIMEOUT, DiffSettings.defaults());
  }

  public DifferOptions withTimeout(Duration value) {
    return new DifferOptions(punctuateInterval, value, diff);
  }

  public DifferOptions withPunctuateInterval(Duration value) {
    return new DifferOptions(value, timeout, diff);
  }

  public DifferOptions withDiff(DiffSettings value) {
    return new DifferOptions(punctuateInterval, timeout, value);
  }
}
