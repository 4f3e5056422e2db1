package dev.foresight.app;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** External tools the tests run, and the one way they skip (saying why) when a tool is absent. */
public final class Tools {

  private Tools() {}

  /** True when {@code command} (e.g. {@code kubectl version --client}) runs and exits 0 within 30 s. */
  public static boolean runs(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public static boolean kubectl() {
    return runs("kubectl", "version", "--client");
  }

  /** Skips the caller when kubectl is absent; {@code why} says what needed it. */
  public static void assumeKubectl(String why) {
    assumeTrue(kubectl(), "kubectl is not on PATH: " + why + "; skipped");
  }
}
