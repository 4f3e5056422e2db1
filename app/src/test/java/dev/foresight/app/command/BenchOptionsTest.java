package dev.foresight.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.app.Foresight;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The bench commands refuse bad arguments up front, saying which and how, with exit code 2. */
class BenchOptionsTest {

  private record Run(int code, String err) {}

  private static Run run(String... args) {
    PrintStream err = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code;
    try {
      System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      code = Foresight.run(args);
    } finally {
      System.setErr(err);
    }
    return new Run(code, bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void runsBelowOneIsAUsageErrorNotACrash() {
    for (String[] args : new String[][] {
        {"bench", "diff", "--runs", "0", "--baseline", "/nonexistent.sh", "master~1", "master"},
        {"bench", "kustomize", "--runs", "0"},
        {"bench", "report", "--runs", "0", "master~1..master"}}) {
      Run r = run(args);
      assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
      assertTrue(r.err().contains("--runs must be at least 1"), String.join(" ", args) + ": " + r.err());
    }
  }

  @Test
  void aMalformedRangeNamesTheArgumentBeforeAnyWork() {
    Run report = run("bench", "report", "--repo", "/nonexistent", "master~1..master", "staging");
    assertEquals(2, report.code(), report.err());
    assertTrue(report.err().contains("RANGE wants BASE..HEAD (e.g. master~1..master), got 'staging'"), report.err());
    Run diff = run("bench", "diff", "--repo", "/nonexistent", "--warm", "..master", "master~1", "master");
    assertEquals(2, diff.code(), diff.err());
    assertTrue(diff.err().contains("--warm wants BASE..HEAD"), diff.err());
  }
}
