package dev.foresight.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
