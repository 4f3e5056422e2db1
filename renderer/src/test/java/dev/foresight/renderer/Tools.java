package dev.foresight.renderer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** External tools the tests need; skips (not fails) when they are absent. */
public final class Tools {

  private Tools() {}

  public static void assumeKubectl() {
    assumeTrue(onPath("kubectl"), "kubectl not found on PATH: skipping tests that run the exec engine");
  }

  public static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  /** stdout of {@code kubectl kustomize <dir>} run in {@code cwd}. */
  public static String kubectlKustomize(Path cwd, String dir) throws Exception {
    List<String> args = new ArrayList<>(List.of("kubectl", "kustomize", dir));
    Process p = new ProcessBuilder(args).directory(cwd.toFile()).redirectErrorStream(false).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("kubectl kustomize " + dir + " failed: " + err);
    }
    return out;
  }
}
