package dev.foresight.renderer;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of the Flux layer tests: a fresh {@link FluxHarness} (repository + renderer) per test. */
abstract class FluxTestBase {

  @TempDir Path tmp;
  FluxHarness flux;

  @BeforeEach
  void startHarness() throws Exception {
    flux = new FluxHarness(tmp);
  }

  @AfterEach
  void closeHarness() throws Exception {
    if (flux != null) {
      flux.close();
    }
  }
}
