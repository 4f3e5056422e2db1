package dev.foresight.differ.kustomization;

import dev.foresight.differ.diff.Diffstat;
import dev.foresight.differ.diff.TextDiff;
import dev.foresight.differ.manifest.Manifests;
import dev.foresight.schema.DiffStats;
import dev.foresight.schema.KustomizationReport;
import dev.foresight.schema.KustomizationStatus;
import dev.foresight.schema.ObjectDiff;
import dev.foresight.schema.PlannedPair;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.RenderStatus;
import dev.foresight.schema.RenderedSide;
import java.util.ArrayList;
import java.util.List;

/** Builds the {@link KustomizationReport} of one planned pair from its render result. */
public final class KustomizationDiff {

  private KustomizationDiff() {}

  public static KustomizationReport skipped(PlannedPair pair) {
    return base(pair, null).setStatus(KustomizationStatus.SKIPPED).setError(null)
        .setStats(Diffstat.zero()).setDiff("").setObjects(new ArrayList<>()).build();
  }

  public static KustomizationReport of(PlannedPair pair, RenderResult result) {
    KustomizationReport.Builder report = base(pair, result);
    if (result.getStatus() == RenderStatus.ERROR) {
      String error = result.getError() == null ? "render failed" : result.getError();
      return report.setStatus(KustomizationStatus.ERROR).setError(error)
          .setStats(Diffstat.zero()).setDiff("").setObjects(new ArrayList<>()).build();
    }
    String baseText = content(result.getBase());
    String headText = content(result.getHead());
    TextDiff whole = wholeDiff(pair.getProfile(), pair.getKustomization(), baseText, headText);
    List<ObjectDiff> objects = whole.isEmpty() ? new ArrayList<>()
        : ObjectChanges.between(prefix(pair.getProfile(), pair.getKustomization()),
            Manifests.split(baseText), Manifests.split(headText));
    return report.setStatus(KustomizationStatus.OK).setError(null)
        .setStats(stats(objects, whole)).setDiff(whole.unified()).setObjects(objects).build();
  }

  /** The whole-output diff, file names {@code base/<profile>/<ks>} and {@code head/<profile>/<ks>}. */
  public static TextDiff wholeDiff(String profile, String ks, String baseText, String headText) {
    return TextDiff.of("base/" + prefix(profile, ks), "head/" + prefix(profile, ks), baseText, headText);
  }

  static DiffStats stats(List<ObjectDiff> objects, TextDiff whole) {
    DiffStats stats = new DiffStats(0, 0, 0, whole.linesAdded(), whole.linesRemoved());
    for (ObjectDiff object : objects) {
      switch (object.getChange()) {
        case ADDED -> stats.setObjectsAdded(stats.getObjectsAdded() + 1);
        case REMOVED -> stats.setObjectsRemoved(stats.getObjectsRemoved() + 1);
        case CHANGED, MOVED -> stats.setObjectsChanged(stats.getObjectsChanged() + 1);
      }
    }
    return stats;
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

  private static String prefix(String profile, String ks) {
    return profile + "/" + ks;
  }

  private static String content(RenderedSide side) {
    return side == null ? "" : side.getContent();
  }

  private static String sidePath(RenderedSide side) {
    return side == null ? null : side.getPath();
  }
}
