package dev.foresight.app.command;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a long-running command ({@code up}, {@code serve}) going until the JVM is asked to stop
 * (Ctrl-C, SIGTERM) or its thread is interrupted, and lets it close its stages either way:
 *
 * <pre>
 * try (UntilStopped until = UntilStopped.install("foresight-up")) {
 *   try (Services services = ...) {
 *     until.await();
 *   } // the stages close here
 * }   // and only then may the shutdown hook return and the JVM halt
 * </pre>
 *
 * The JVM halts once its shutdown hooks return, so the hook does not just signal the stop: it
 * waits (up to a bound) for {@link #close()}. An interruption ends {@link #await()} too; the
 * thread's interrupt flag is set again on {@link #close()}, after everything is closed.
 */
final class UntilStopped implements AutoCloseable {

  /** How long the shutdown hook waits for the command to close what it runs. */
  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Duration closeTimeout;
  private final Thread hook;
  private boolean interrupted;

  private UntilStopped(String name, Duration closeTimeout) {
    this.closeTimeout = closeTimeout;
    this.hook = new Thread(this::onShutdown, name + "-shutdown");
  }

  /** Registers the shutdown hook (named {@code name-shutdown}); close it to unregister. */
  static UntilStopped install(String name) {
    return install(name, CLOSE_TIMEOUT);
  }

  static UntilStopped install(String name, Duration closeTimeout) {
    UntilStopped until = new UntilStopped(name, closeTimeout);
    Runtime.getRuntime().addShutdownHook(until.hook);
    return until;
  }

  /** Returns when the JVM is shutting down or this thread is interrupted. */
  void await() {
    try {
      stop.await();
    } catch (InterruptedException e) {
      interrupted = true; // asked to stop by whoever runs us in a thread; close first, flag after
    }
  }

  /** What the shutdown hook runs: ends {@link #await()}, then waits for {@link #close()}. */
  void onShutdown() {
    stop.countDown();
    try {
      closed.await(closeTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Everything the command ran is closed: lets the hook return, unregisters it, restores the interrupt. */
  @Override
  public void close() {
    closed.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is what stopped us; it is running and ends now that everything is closed
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
