package dev.foresight.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Error messages name files the way the user named the directory. */
class KustomizeCommandTest {

  @TempDir
  Path tmp;

  private String message(Path dir) {
    String tree = dir.getRoot().relativize(dir).toString();
    return tree + "/kustomization.yaml: field 'resources': open " + tree + "/missing.yaml: no such file; "
        + "accumulating resources from 'missing.yaml' and 'base/x.yaml'.";
  }

  @Test
  void absoluteDirectoryGivesAbsolutePaths() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\n");
    assertEquals(dir + "/kustomization.yaml: field 'resources': open " + dir + "/missing.yaml: no such file; "
        + "accumulating resources from 'missing.yaml' and 'base/x.yaml'.",
        KustomizeCommand.displayPaths(message(dir), dir, true, Path.of("/")));
  }

  @Test
  void relativeDirectoryGivesPathsFromTheWorkingDirectory() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\n");
    assertEquals("app/kustomization.yaml: field 'resources': open app/missing.yaml: no such file; "
        + "accumulating resources from 'missing.yaml' and 'base/x.yaml'.",
        KustomizeCommand.displayPaths(message(dir), dir, false, tmp));
    Path sibling = Files.createDirectories(tmp.resolve("other"));
    assertEquals("../app/kustomization.yaml: field 'resources': open ../app/missing.yaml: no such file; "
        + "accumulating resources from 'missing.yaml' and 'base/x.yaml'.",
        KustomizeCommand.displayPaths(message(dir), dir, false, sibling));
    assertEquals("kustomization.yaml: field 'resources': open missing.yaml: no such file; "
        + "accumulating resources from 'missing.yaml' and 'base/x.yaml'.",
        KustomizeCommand.displayPaths(message(dir), dir, false, dir));
  }

  /** Runs {@code foresight kustomize ARGS}; returns {exit code, stdout, stderr}. */
  private static String[] run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int code = new CommandLine(new KustomizeCommand()).execute(args);
      return new String[] {String.valueOf(code), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void loadRestrictorMirrorsKubectlRootOnlyByDefault() throws IOException {
    Files.writeString(tmp.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\n");
    Path app = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(app.resolve("kustomization.yaml"), "resources:\n- ../cm.yaml\n");

    String[] rootOnly = run(app.toString());
    assertEquals("1", rootOnly[0], rootOnly[2]);
    assertTrue(rootOnly[2].contains("is not in or below"), rootOnly[2]);

    String[] none = run("--load-restrictor", "LoadRestrictionsNone", app.toString());
    assertEquals("0", none[0], none[2]);
    assertEquals("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\n", none[1]);

    String[] bad = run("--load-restrictor", "None", app.toString());
    assertEquals("2", bad[0]);
    assertTrue(bad[2].contains("LoadRestrictionsRootOnly, LoadRestrictionsNone"), bad[2]);
  }

  @Test
  void deprecationWarningsGoToStderrAsKubectlPrintsThem() throws Exception {
    Path base = Files.createDirectories(tmp.resolve("base"));
    Files.writeString(base.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\n");
    Files.writeString(base.resolve("kustomization.yaml"), "resources:\n- cm.yaml\ncommonLabels:\n  app: shop\n");
    Path app = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(app.resolve("kustomization.yaml"), "bases:\n- ../base\n");
    String warnings = "# Warning: 'bases' is deprecated. Please use 'resources' instead. Run 'kustomize edit fix' to "
        + "update your Kustomization automatically.\n# Warning: 'commonLabels' is deprecated. Please use 'labels' "
        + "instead. Run 'kustomize edit fix' to update your Kustomization automatically.\n";
    String[] built = run(app.toString());
    assertEquals("0", built[0], built[2]);
    assertEquals(warnings, built[2]);
    assertEquals("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    app: shop\n  name: shared\n", built[1]);
    if (dev.foresight.app.Tools.kubectl()) {
      Process p = new ProcessBuilder("kubectl", "kustomize", app.toString()).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor());
      assertEquals(err, built[2], "stderr as kubectl's");
      assertEquals(out, built[1], "stdout as kubectl's");
    } else {
      System.out.println("kubectl is not on PATH: foresight kustomize's stderr not compared with kubectl's");
    }

    Files.writeString(base.resolve("kustomization.yaml"), "resources:\n- missing.yaml\ncommonLabels:\n  app: shop\n");
    String[] failed = run(app.toString());
    assertEquals("1", failed[0]);
    assertTrue(failed[2].startsWith(warnings + "Error: "), "warnings, then the error: " + failed[2]);
  }
}
