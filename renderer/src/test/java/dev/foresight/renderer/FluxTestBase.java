package dev.foresight.renderer;

import dev.foresight.schema.RenderResult;
import dev.foresight.schema.RenderedSide;
import dev.foresight.testing.Golden;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the Flux layer tests: a fresh {@link FluxHarness} (repository + renderer) per test, and
 * the golden directories {@code src/test/resources/golden-flux/<feature>/} ({@code <label>.yaml}
 * the head output, {@code <label>.base.yaml} the base output when there is one, {@code <label>.txt}
 * the rest); {@code -Dgolden.update=true} rewrites them.
 */
abstract class FluxTestBase {

  static final Path GOLDEN = Path.of("src", "test", "resources", "golden-flux");

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

  /** Compares {@code result} with {@code golden-flux/<feature>/<label>.*}; returns it. */
  RenderResult golden(String feature, String label, RenderResult result) throws Exception {
    StringBuilder report = new StringBuilder("status: ").append(result.getStatus()).append('\n');
    if (result.getError() != null) {
      report.append("error: ").append(scrub(result.getError())).append('\n');
    }
    report.append("base: ").append(side(result.getBase())).append('\n');
    report.append("head: ").append(side(result.getHead())).append('\n');
    report.append("warnings:").append(result.getWarnings().isEmpty() ? " []\n" : "\n");
    result.getWarnings().forEach(w -> report.append("- ").append(scrub(w)).append('\n'));
    Golden.assertMatches(GOLDEN, feature, label + ".txt", report.toString());
    if (result.getBase() != null) {
      Golden.assertMatches(GOLDEN, feature, label + ".base.yaml", result.getBase().getContent());
    }
    if (result.getHead() != null) {
      Golden.assertMatches(GOLDEN, feature, label + ".yaml", result.getHead().getContent());
    }
    return result;
  }

  private static String side(RenderedSide side) {
    return side == null ? "not rendered" : "path '" + side.getPath() + "', " + side.getObjects() + " objects";
  }

  /** Without what changes from run to run: the temporary directory, commit ids (commit times differ). */
  String scrub(String text) {
    return text.replace(tmp.toString(), "<tmp>").replaceAll("\\b(head|base) \\([0-9a-f]{7,40}\\)", "$1 (<commit>)");
  }
}
