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
}
