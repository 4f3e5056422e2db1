package dev.foresight.renderer.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.renderer.differential.Comparison.Outcome;
import dev.foresight.renderer.differential.Comparison.Result;
import org.junit.jupiter.api.Test;

/** The verdicts DifferentialIT draws from two engines' results. */
class ComparisonTest {

  private static Outcome outcome(Result nativeResult, Result kubectl) {
    return Comparison.of("k", "w", nativeResult, kubectl).outcome();
  }

  @Test
  void sameBytesMatchBothFailingMatchesUnsupportedIsItsOwnOutcome() {
    assertEquals(Outcome.IDENTICAL, outcome(Result.ok("a: 1\n"), Result.ok("a: 1\n")));
    assertEquals(Outcome.BOTH_FAILED, outcome(Result.failed("x"), Result.failed("y")));
    assertEquals(Outcome.UNSUPPORTED, outcome(Result.unsupportedFeature("helmCharts"), Result.ok("a: 1\n")));
  }

  @Test
  void oneSideFailingOrAnyByteDifferingIsADifference() {
    assertEquals(Outcome.DIFFERENT, outcome(Result.failed("x"), Result.ok("a: 1\n")));
    assertEquals(Outcome.DIFFERENT, outcome(Result.ok("a: 1\n"), Result.failed("x")));
    assertEquals(Outcome.DIFFERENT, outcome(Result.ok("a: 1"), Result.ok("a: 1\n")));
    assertEquals(Outcome.DIFFERENT, outcome(Result.ok("a: |\n  x\n"), Result.ok("a: |-\n  x\n")));
  }

  @Test
  void theExcerptShowsTheFirstDifferingLineWithContext() {
    String detail = Comparison.firstDifference("a: 1\nb: 2\nc: 3\nd: 4\n", "a: 1\nb: 2\nc: 30\nd: 4\n");
    assertTrue(detail.startsWith("@@ line 3 (- kubectl, + native) @@\n  a: 1\n  b: 2\n- c: 3\n"), detail);
    assertTrue(detail.contains("+ c: 30\n"), detail);
    assertEquals("outputs differ only in line endings or the final newline", Comparison.firstDifference("a\n", "a"));
  }
}
