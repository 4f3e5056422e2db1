package dev.foresight.app.command;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench diff finds ../shared/bench/baseline-diff.sh beside the project root from any directory below it. */
class BenchBaselinePathTest {

  @Test
  void theBaselineBesideTheProjectRootIsFoundFromAModuleOrItsTarget(@TempDir Path tmp) throws IOException {
    Path script = Files.createDirectories(tmp.resolve("shared/bench")).resolve("baseline-diff.sh");
    Files.writeString(script, "#!/bin/sh\n");
    Path project = Files.createDirectories(tmp.resolve("foresight/app/target"));
    String saved = System.clearProperty("foresight.shared");
    try {
      for (Path from : List.of(tmp.resolve("foresight"), tmp.resolve("foresight/app"), project)) {
        List<Path> candidates = BenchDiffCommand.baselineCandidates(from, null);
        assertTrue(candidates.stream().anyMatch(p -> p.equals(script.normalize())), from + ": " + candidates);
      }
      List<Path> fromJar = BenchDiffCommand.baselineCandidates(Path.of("/"), project);
      assertTrue(fromJar.contains(script.normalize()), fromJar.toString());
    } finally {
      if (saved != null) {
        System.setProperty("foresight.shared", saved);
      }
    }
  }
}
