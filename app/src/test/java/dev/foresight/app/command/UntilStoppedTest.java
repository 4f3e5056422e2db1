package dev.foresight.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link UntilStopped}: how {@code up} and {@code serve} wait, stop and close. */
class UntilStoppedTest {

  private final List<String> events = Collections.synchronizedList(new ArrayList<>());

  @Test
  void anInterruptionEndsTheWaitClosesFirstAndKeepsTheFlag() throws Exception {
    CompletableFuture<Boolean> flagAfterClose = new CompletableFuture<>();
    Thread command = new Thread(() -> {
      try (UntilStopped until = UntilStopped.install("test-interrupt")) {
        try (AutoCloseable stages = () -> events.add("stages closed")) {
          events.add("waiting");
          until.await();
          events.add("stopped, interrupted=" + Thread.currentThread().isInterrupted());
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
      flagAfterClose.complete(Thread.currentThread().isInterrupted());
    });
    command.start();
    awaitEvent("waiting");
    command.interrupt();
    assertTrue(flagAfterClose.get(10, TimeUnit.SECONDS), "the interrupt flag is set again after closing");
    command.join(10_000);
    assertEquals(List.of("waiting", "stopped, interrupted=false", "stages closed"), events,
        "the stages close with the flag cleared (Kafka clients fail on a flagged thread), it comes back after");
  }

  @Test
  void theShutdownHookReturnsOnlyOnceEverythingIsClosed() throws Exception {
    CompletableFuture<UntilStopped> installed = new CompletableFuture<>();
    Thread command = new Thread(() -> {
      try (UntilStopped until = UntilStopped.install("test-hook")) {
        installed.complete(until);
        until.await();
        events.add("stopped");
        Thread.sleep(400); // closing takes a while: Streams checkpoints its state, loops commit
        events.add("closed");
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    command.start();
    UntilStopped until = installed.get(10, TimeUnit.SECONDS);

    until.onShutdown(); // what the JVM's hook runs on Ctrl-C or SIGTERM; the JVM halts when it returns

    assertEquals(List.of("stopped", "closed"), events, "the hook returned before the command had closed");
    command.join(10_000);
    assertFalse(command.isAlive());
  }

  @Test
  void theHookGivesUpWaitingAfterItsBound() throws Exception {
    try (UntilStopped until = UntilStopped.install("test-bound", Duration.ofMillis(200))) {
      long start = System.nanoTime();
      until.onShutdown(); // nobody closes: a stuck close must not keep the JVM from halting
      long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(waited >= 150 && waited < 5_000, "waited " + waited + " ms");
    }
  }

  private void awaitEvent(String event) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!events.contains(event) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(events.contains(event), "never saw " + event + ": " + events);
  }
}
