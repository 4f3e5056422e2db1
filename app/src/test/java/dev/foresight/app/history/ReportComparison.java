package dev.foresight.app.history;

import dev.foresight.schema.KustomizationReport;
import dev.foresight.schema.KustomizationStatus;
import dev.foresight.schema.ObjectDiff;
import dev.foresight.schema.ProfileReport;
import dev.foresight.schema.Report;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares the report of the production path (affected-only planning, render cache) with the
 * report of a full re-render (every pair rendered, no cache) of the same change, in everything a
 * reader sees: the pairs (profile, namespace, name, in order), and per pair its status, error,
 * warnings, path, diffstat and every object diff (kind, name, change type, diff text, moves,
 * duplicates). A pair the production path skipped must be one the full re-render found unchanged:
 * status OK, no object diff, no error (its warnings are not compared: a skipped pair is not
 * rendered, so it shows none by design). Report-level error, missing pairs, totals and changelog
 * must be equal too.
 */
final class ReportComparison {

  /** What one comparison found: the differences (empty when equal) and what was compared. */
  record Result(List<String> differences, int pairs, int skipped, int objectDiffs, int changedPairs) {}

  private ReportComparison() {}

  /**
   * Compares {@code affected} with {@code full}; {@code reasons} (profile/namespace/name to the
   * planner's reason) explain skipped pairs in the differences.
   */
  static Result compare(Report affected, Report full, Map<String, String> reasons) {
    List<String> out = new ArrayList<>();
    same(out, "report error", affected.getError(), full.getError());
    same(out, "missing pairs", affected.getMissing(), full.getMissing());
    same(out, "diffstat of the report", affected.getStats(), full.getStats());
    same(out, "changelog", affected.getChangelog(), full.getChangelog());
    Map<String, KustomizationReport> a = pairs(affected);
    Map<String, KustomizationReport> f = pairs(full);
    same(out, "pairs (profile/namespace/name, in order)", List.copyOf(a.keySet()), List.copyOf(f.keySet()));
    int pairs = 0;
    int skipped = 0;
    int objectDiffs = 0;
    int changed = 0;
    for (Map.Entry<String, KustomizationReport> entry : a.entrySet()) {
      KustomizationReport ours = entry.getValue();
      KustomizationReport reference = f.get(entry.getKey());
      if (reference == null) {
        continue; // reported above as a pair list difference
      }
      pairs++;
      objectDiffs += reference.getObjects().size();
      changed += reference.getObjects().isEmpty() ? 0 : 1;
      String where = entry.getKey();
      if (ours.getStatus() == KustomizationStatus.SKIPPED) {
        skipped++;
        if (reference.getStatus() != KustomizationStatus.OK || !reference.getObjects().isEmpty()
            || reference.getError() != null) {
          out.add("MISSED " + where + ": skipped by affected-only planning (" + reasons.get(where)
              + "), but the full re-render says "
              + reference.getStatus() + (reference.getError() == null ? "" : " (" + reference.getError() + ")")
              + " with " + reference.getObjects().size() + " object change(s): " + describe(reference.getObjects()));
        }
        continue;
      }
      same(out, where + " status", ours.getStatus(), reference.getStatus());
      same(out, where + " error", ours.getError(), reference.getError());
      same(out, where + " warnings", ours.getWarnings(), reference.getWarnings());
      same(out, where + " path", ours.getPath(), reference.getPath());
      same(out, where + " diffstat", ours.getStats(), reference.getStats());
      same(out, where + " whole diff", ours.getDiff(), reference.getDiff());
      same(out, where + " object changes", describe(ours.getObjects()), describe(reference.getObjects()));
      for (int i = 0; i < Math.min(ours.getObjects().size(), reference.getObjects().size()); i++) {
        ObjectDiff o = ours.getObjects().get(i);
        ObjectDiff r = reference.getObjects().get(i);
        String object = where + " " + o.getKind() + "/" + o.getName();
        same(out, object + " diff text", o.getDiff(), r.getDiff());
        same(out, object + " moved from/to", o.getMovedFrom() + " -> " + o.getMovedTo(),
            r.getMovedFrom() + " -> " + r.getMovedTo());
        same(out, object + " duplicates (sameIn, sameAs)", o.getSameIn() + " " + o.getSameAs(),
            r.getSameIn() + " " + r.getSameAs());
      }
    }
    return new Result(out, pairs, skipped, objectDiffs, changed);
  }

  /** Every pair of a report, keyed {@code profile/namespace/name}, in report order. */
  private static Map<String, KustomizationReport> pairs(Report report) {
    Map<String, KustomizationReport> out = new LinkedHashMap<>();
    for (ProfileReport profile : report.getProfiles()) {
      for (KustomizationReport ks : profile.getKustomizations()) {
        out.put(profile.getName() + "/" + ks.getNamespace() + "/" + ks.getName(), ks);
      }
    }
    return out;
  }

  /** Object identity and change type, one per line. */
  private static String describe(List<ObjectDiff> objects) {
    StringBuilder out = new StringBuilder();
    for (ObjectDiff o : objects) {
      out.append(o.getChange()).append(' ').append(o.getApiVersion()).append(' ').append(o.getKind()).append(' ')
          .append(o.getNamespace()).append('/').append(o.getName()).append('\n');
    }
    return out.toString();
  }

  private static void same(List<String> out, String what, Object affected, Object full) {
    if (!Objects.equals(String.valueOf(affected), String.valueOf(full))) {
      out.add(what + " differs:\n  affected-only: " + shorten(affected) + "\n  full re-render: " + shorten(full));
    }
  }

  private static String shorten(Object value) {
    String text = String.valueOf(value);
    return text.length() > 2000 ? text.substring(0, 2000) + "... (" + text.length() + " chars)" : text;
  }
}
