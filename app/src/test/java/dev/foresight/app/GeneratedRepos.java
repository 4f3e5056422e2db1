package dev.foresight.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Repositories made by {@code ../shared/fixtures/gitops-repo-gen.py} (found through the
 * {@code foresight.shared} system property the build sets), for tests that need a realistic
 * history. A test using one is skipped, saying why, where the generator is absent.
 */
public final class GeneratedRepos {

  private GeneratedRepos() {}

  /**
   * Runs the generator into {@code out} with {@code args} (e.g. {@code --apps 4 --commits 20}) and
   * returns {@code out} (holding {@code infra/}, {@code components/}, {@code pushes.jsonl}).
   * {@code who} names the test in the skip message.
   */
  public static Path generate(Path out, String who, String... args) throws IOException, InterruptedException {
    Path generator = Path.of(System.getProperty("foresight.shared", "../../shared"), "fixtures", "gitops-repo-gen.py");
    assumeTrue(Files.exists(generator), "../shared is absent (" + generator.toAbsolutePath() + "): " + who
        + " needs the fixture generator; skipped (run with ../shared beside the clone or -Dforesight.shared=DIR)");
    String[] command = new String[args.length + 3];
    command[0] = "python3";
    command[1] = generator.toString();
    command[2] = out.toString();
    System.arraycopy(args, 0, command, 3, args.length);
    Process gen = new ProcessBuilder(command).redirectErrorStream(true).start();
    String said = new String(gen.getInputStream().readAllBytes());
    assertEquals(0, gen.waitFor(), "gitops-repo-gen.py failed:\n" + said);
    return out;
  }
}
