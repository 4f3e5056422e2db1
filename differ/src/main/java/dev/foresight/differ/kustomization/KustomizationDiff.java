package dev.foresight.differ.kustomization;

import dev.foresight.differ.diff.TextDiff;
import dev.foresight.differ.manifest.Manifest;
import dev.foresight.schema.DiffStats;
import dev.foresight.schema.KustomizationReport;
import dev.foresight.schema.KustomizationStatus;
import dev.foresight.schema.ObjectChange;
import dev.foresight.schema.ObjectDiff;
import dev.foresight.schema.PlannedPair;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.RenderStatus;
import dev.foresight.schema.RenderedSide;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@link KustomizationReport} of one planned pair from its draft: an {@link ObjectDiff}
 * per differing object and the diffstat. The whole-output {@code diff} is left empty: every line
 * of it is in the object diffs.
 */
public final class KustomizationDiff {

  private KustomizationDiff() {}

  public static KustomizationReport of(PairDraft draft, int context) {
    PlannedPair pair = draft.pair();
    RenderResult result = draft.result();
    KustomizationReport.Builder report = base(pair, result).setDiff("");
    if (result == null) {
      return report.setStatus(KustomizationStatus.SKIPPED).setError(null)
          .setStats(new DiffStats(0, 0, 0, 0, 0)).setObjects(new ArrayList<>()).build();
    }
    if (result.getStatus() == RenderStatus.ERROR) {
      String error = result.getError() == null ? "render failed" : result.getError();
      return report.setStatus(KustomizationStatus.ERROR).setError(error)
          .setStats(new DiffStats(0, 0, 0, 0, 0)).setObjects(new ArrayList<>()).build();
    }
    DiffStats stats = new DiffStats(0, 0, 0, 0, 0);
    List<ObjectDiff> objects = new ArrayList<>();
    for (ObjectEntry entry : draft.entries()) {
      TextDiff diff = diff(draft.name(), entry, context);
      objects.add(ObjectDiff.newBuilder().setApiVersion(entry.shown().apiVersion()).setKind(entry.shown().kind())
          .setNamespace(entry.shown().namespace()).setName(entry.shown().name()).setChange(entry.change())
          .setDiff(diff.unified()).setMovedFrom(entry.movedFrom()).setMovedTo(entry.movedTo())
          .setSameIn(new ArrayList<>()).setSameAs(null).build());
      count(stats, entry);
      stats.setLinesAdded(stats.getLinesAdded() + diff.linesAdded());
      stats.setLinesRemoved(stats.getLinesRemoved() + diff.linesRemoved());
    }
    return report.setStatus(KustomizationStatus.OK).setError(null).setStats(stats).setObjects(objects).build();
  }

  /**
   * The object's diff, file names {@code base/<profile>/<ks>/<Kind>/<ns>/<name>} and
   * {@code head/...}; a move diffs the base text where it was against the head text where it is
   * (on the side it went to; the side it left has an empty diff).
   */
  static TextDiff diff(String pairName, ObjectEntry entry, int context) {
    if (entry.change() == ObjectChange.MOVED && entry.movedTo() != null) {
      return TextDiff.EMPTY;
    }
    String path = entry.shown().key().path();
    String basePair = entry.movedFrom() != null ? entry.movedFrom() : pairName;
    return TextDiff.of("base/" + basePair + "/" + path, "head/" + pairName + "/" + path,
        text(entry.before()), text(entry.after()), context);
  }

  /** A move counts once, as a change, on the side the object went to. */
  private static void count(DiffStats stats, ObjectEntry entry) {
    switch (entry.change()) {
      case ADDED -> stats.setObjectsAdded(stats.getObjectsAdded() + 1);
      case REMOVED -> stats.setObjectsRemoved(stats.getObjectsRemoved() + 1);
      case CHANGED -> stats.setObjectsChanged(stats.getObjectsChanged() + 1);
      case MOVED -> {
        if (entry.movedFrom() != null) {
          stats.setObjectsChanged(stats.getObjectsChanged() + 1);
        }
      }
    }
  }

  /** The whole-output diff, file names {@code base/<profile>/<ks>} and {@code head/<profile>/<ks>}. */
  public static TextDiff wholeDiff(String profile, String ks, String baseText, String headText) {
    return TextDiff.of("base/" + profile + "/" + ks, "head/" + profile + "/" + ks, baseText, headText);
  }

  private static KustomizationReport.Builder base(PlannedPair pair, RenderResult result) {
    String path = pair.getPath();
    if (path == null && result != null) {
      path = sidePath(result.getHead()) != null ? sidePath(result.getHead()) : sidePath(result.getBase());
    }
    return KustomizationReport.newBuilder().setName(pair.getKustomization())
        .setNamespace(pair.getNamespace()).setPath(path)
        .setWarnings(result == null ? new ArrayList<>() : new ArrayList<>(result.getWarnings()));
  }

  private static String text(Manifest manifest) {
    return manifest == null ? "" : manifest.text();
  }

  private static String sidePath(RenderedSide side) {
    return side == null ? null : side.getPath();
  }
}
