package dev.foresight.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.publisher.JsonView;
import dev.foresight.schema.DiffStats;
import dev.foresight.schema.KustomizationReport;
import dev.foresight.schema.ObjectChange;
import dev.foresight.schema.ObjectDiff;
import dev.foresight.schema.ProfileReport;
import dev.foresight.schema.Report;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Holds one report against {@link ExpectedChanges} (kubectl at both commits), using nothing of the
 * differ: the pairs, the changed pairs, each pair's differing objects by identity and change type,
 * moves and duplicates as docs/report-json.md defines them, each non-Secret object's diff (applied
 * to kubectl's base text it must give kubectl's head text, and be minimal; see {@link HunkCheck}),
 * the diffstats, and that no Secret value is in the report in clear.
 */
final class ReportCheck {

  private final Report report;
  private final ExpectedChanges expected;
  private final String label;
  /** Pair -> identity -> the report's object diff. */
  private final Map<String, Map<String, ObjectDiff>> objects = new TreeMap<>();
  private final Map<String, KustomizationReport> pairs = new LinkedHashMap<>();
  private int patched;
  private int duplicates;
  private int moves;
  private int secrets;

  private ReportCheck(Report report, ExpectedChanges expected, String label) {
    this.report = report;
    this.expected = expected;
    this.label = label;
  }

  /**
   * What a check went through: object diffs applied to kubectl's text, of them duplicates (read
   * through {@code sameAs}) and moves, Secret diffs (identity and shape only), Secret values looked for.
   */
  record Coverage(int patched, int duplicates, int moves, int secrets, int secretValues) {

    Coverage plus(Coverage o) {
      return new Coverage(patched + o.patched, duplicates + o.duplicates, moves + o.moves, secrets + o.secrets,
          secretValues + o.secretValues);
    }
  }

  /** Asserts the report; returns what was checked. */
  static Coverage verify(Report report, ExpectedChanges expected, String label) {
    return new ReportCheck(report, expected, label).verify();
  }

  private Coverage verify() {
    for (ProfileReport profile : report.getProfiles()) {
      for (KustomizationReport ks : profile.getKustomizations()) {
        String pair = profile.getName() + "/" + ks.getName();
        assertNull(pairs.put(pair, ks), label + ": " + pair + " listed twice");
        Map<String, ObjectDiff> byIdentity = new LinkedHashMap<>();
        for (ObjectDiff object : ks.getObjects()) {
          String identity = identity(object);
          assertNull(byIdentity.put(identity, object), label + ": " + pair + " lists " + identity + " twice");
        }
        if (!byIdentity.isEmpty()) {
          objects.put(pair, byIdentity);
        }
      }
    }
    assertEquals(expected.pairs, new TreeSet<>(pairs.keySet()), label + ": the profile/kustomization pairs");
    assertEquals(expected.changed.keySet(), objects.keySet(), label + ": the changed pairs");
    for (String pair : expected.changed.keySet()) {
      sameEntries(changeTypes(expected.changed.get(pair)), changeTypes(pair), label + ": " + pair
          + ": the objects that differ (identity -> change, a move shown as the addition or removal it is)");
    }
    expected.changed.keySet().forEach(this::checkMoves);
    long added = 0;
    long removed = 0;
    for (String pair : expected.changed.keySet()) {
      DiffStats stats = checkDiffs(pair);
      assertEquals(stats, pairs.get(pair).getStats(), label + ": " + pair + ": diffstat");
      added += stats.getLinesAdded();
      removed += stats.getLinesRemoved();
    }
    assertEquals("+" + added + " -" + removed,
        "+" + report.getStats().getLinesAdded() + " -" + report.getStats().getLinesRemoved(),
        label + ": the report's +/- lines are its pairs' sum");
    return new Coverage(patched, duplicates, moves, secrets, noSecretInClear());
  }

  private static String identity(ObjectDiff object) {
    return OracleObject.identity(object.getApiVersion(), object.getKind(), object.getNamespace(), object.getName());
  }

  /** Fails naming only what differs between the two maps: missing, unexpected and different entries. */
  private static <V> void sameEntries(Map<String, V> expected, Map<String, V> actual, String message) {
    if (expected.equals(actual)) {
      return;
    }
    List<String> differences = new ArrayList<>();
    for (String key : new TreeSet<>(expected.keySet())) {
      if (!actual.containsKey(key)) {
        differences.add("missing " + key + "=" + expected.get(key));
      } else if (!expected.get(key).equals(actual.get(key))) {
        differences.add(key + ": " + actual.get(key) + " instead of " + expected.get(key));
      }
    }
    for (String key : new TreeSet<>(actual.keySet())) {
      if (!expected.containsKey(key)) {
        differences.add("unexpected " + key + "=" + actual.get(key));
      }
    }
    throw new AssertionError(message + ": " + String.join("; ", differences));
  }

  private static Map<String, ObjectChange> changeTypes(Map<String, ExpectedChanges.Expected> expected) {
    Map<String, ObjectChange> out = new TreeMap<>();
    expected.forEach((identity, e) -> out.put(identity, e.change()));
    return out;
  }

  /** The report's change types, a move read as what it is in this pair alone. */
  private Map<String, ObjectChange> changeTypes(String pair) {
    Map<String, ObjectChange> out = new TreeMap<>();
    objects.get(pair).forEach((identity, o) -> out.put(identity, o.getChange() != ObjectChange.MOVED ? o.getChange()
        : o.getMovedFrom() != null ? ObjectChange.ADDED : ObjectChange.REMOVED));
    return out;
  }

  /**
   * A move joins a removal in one pair and an addition in another, both marked, pointing at each
   * other; an identity removed from exactly one pair and added to exactly one other must be one.
   */
  private void checkMoves(String pair) {
    for (Map.Entry<String, ObjectDiff> entry : objects.get(pair).entrySet()) {
      ObjectDiff object = entry.getValue();
      String what = label + ": " + pair + " " + entry.getKey();
      if (object.getChange() != ObjectChange.MOVED) {
        assertNull(object.getMovedFrom(), what + ": movedFrom without a move");
        assertNull(object.getMovedTo(), what + ": movedTo without a move");
        List<String> others = otherPairs(entry.getKey(), object.getChange() == ObjectChange.ADDED
            ? ObjectChange.REMOVED : ObjectChange.ADDED, pair);
        boolean onlyOne = object.getChange() != ObjectChange.CHANGED && others.size() == 1
            && otherPairs(entry.getKey(), object.getChange(), others.get(0)).equals(List.of(pair));
        assertFalse(onlyOne, what + " is " + object.getChange() + " here and the opposite only in " + others
            + ": a move");
        continue;
      }
      assertTrue((object.getMovedFrom() == null) != (object.getMovedTo() == null), what + ": a move names one side");
      String other = object.getMovedFrom() != null ? object.getMovedFrom() : object.getMovedTo();
      ObjectDiff partner = objects.getOrDefault(other, Map.of()).get(entry.getKey());
      assertNotNull(partner, what + ": moved, but " + other + " does not list it");
      assertEquals(ObjectChange.MOVED, partner.getChange(), what + ": the other side of the move in " + other);
      assertEquals(pair, object.getMovedFrom() != null ? partner.getMovedTo() : partner.getMovedFrom(),
          what + ": the other side of the move points back");
    }
  }

  /** Pairs other than {@code except} where the oracle has {@code identity} with {@code change}. */
  private List<String> otherPairs(String identity, ObjectChange change, String except) {
    List<String> out = new ArrayList<>();
    expected.changed.forEach((pair, byIdentity) -> {
      ExpectedChanges.Expected e = byIdentity.get(identity);
      if (!pair.equals(except) && e != null && e.change() == change) {
        out.add(pair);
      }
    });
    return out;
  }

  /** Checks every object diff of a pair; returns the diffstat the pair must have. */
  private DiffStats checkDiffs(String pair) {
    DiffStats stats = new DiffStats(0, 0, 0, 0, 0);
    for (Map.Entry<String, ObjectDiff> entry : objects.get(pair).entrySet()) {
      ObjectDiff object = entry.getValue();
      ExpectedChanges.Expected e = expected.changed.get(pair).get(entry.getKey());
      String what = label + ": " + pair + " " + e.shown().path();
      assertEquals(e.shown().apiVersion(), object.getApiVersion(), what + ": apiVersion (head's, else base's)");
      boolean movedIn = object.getMovedFrom() != null;
      switch (e.change()) {
        case ADDED -> stats.setObjectsAdded(stats.getObjectsAdded() + (movedIn ? 0 : 1));
        case REMOVED -> stats.setObjectsRemoved(stats.getObjectsRemoved() + (object.getMovedTo() != null ? 0 : 1));
        default -> { }
      }
      if (e.change() == ObjectChange.CHANGED || movedIn) {
        stats.setObjectsChanged(stats.getObjectsChanged() + 1);
      }
      if (object.getMovedTo() != null) {
        assertEquals("", object.getDiff(), what + ": the side a move left has no diff");
        continue;
      }
      String diff = diffText(pair, entry.getKey(), object, what);
      OracleObject before = movedIn ? expected.changed.get(object.getMovedFrom()).get(entry.getKey()).before()
          : e.before();
      HunkCheck.Counts counts;
      if (e.secret()) {
        // The renderer masks a Secret's values: its text is not kubectl's, so only the diff's shape counts here.
        counts = HunkCheck.countHunks(diff, what);
        secrets++;
      } else {
        patched++;
        duplicates += object.getSameAs() != null ? 1 : 0;
        moves += movedIn ? 1 : 0;
        counts = HunkCheck.verify(diff, before == null ? "" : before.text(),
            e.after() == null ? "" : e.after().text(), what);
      }
      stats.setLinesAdded(stats.getLinesAdded() + counts.added());
      stats.setLinesRemoved(stats.getLinesRemoved() + counts.removed());
    }
    return stats;
  }

  /**
   * The diff text of an object: its own, with file names {@code base/<pair it came from>/<path>}
   * and {@code head/<pair>/<path>}; or, for a duplicate ({@code sameAs}), the text of the pair it
   * points to, which must list this pair in {@code sameIn}.
   */
  private String diffText(String pair, String identity, ObjectDiff object, String what) {
    if (object.getSameAs() == null) {
      String path = expected.changed.get(pair).get(identity).shown().path();
      String from = object.getMovedFrom() != null ? object.getMovedFrom() : pair;
      assertTrue(object.getDiff().startsWith("--- base/" + from + "/" + path + "\n+++ head/" + pair + "/" + path
          + "\n"), what + ": the diff's file names\n" + object.getDiff());
      for (String other : object.getSameIn()) {
        ObjectDiff copy = objects.getOrDefault(other, Map.of()).get(identity);
        assertEquals(pair, copy == null ? null : copy.getSameAs(), what + ": sameIn " + other + " points back");
      }
      return object.getDiff();
    }
    assertEquals("", object.getDiff(), what + ": a duplicate (sameAs) has no text of its own");
    ObjectDiff holder = objects.getOrDefault(object.getSameAs(), Map.of()).get(identity);
    assertNotNull(holder, what + ": sameAs " + object.getSameAs() + " does not list the object");
    assertNull(holder.getSameAs(), what + ": sameAs points at another duplicate");
    assertTrue(holder.getSameIn().contains(pair), what + ": " + object.getSameAs() + " lists this pair in sameIn");
    return holder.getDiff();
  }

  /** No Secret value of 8 characters or more, clear or base64-encoded, anywhere in the JSON report. */
  private int noSecretInClear() {
    String json = JsonView.render(report);
    int checked = 0;
    for (String value : expected.secretValues) {
      if (value.length() < 8) {
        continue; // a short value can occur in the report by chance
      }
      checked++;
      String base64 = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
      assertFalse(json.contains(value) || json.contains(base64), label + ": a Secret value in clear in the report");
    }
    return checked;
  }
}
