package dev.foresight.differ.progress;

import dev.foresight.differ.DiffSettings;
import dev.foresight.differ.Differ;
import dev.foresight.differ.kustomization.PairKey;
import dev.foresight.schema.ChangeProgress;
import dev.foresight.schema.PairAction;
import dev.foresight.schema.PlannedPair;
import dev.foresight.schema.RenderPlan;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.Report;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Pure functions over {@link ChangeProgress}: record a plan or a result, tell when it is complete. */
public final class Progress {

  private Progress() {}

  /** Records the plan; {@code current} may be null (first record seen for the change). */
  public static ChangeProgress withPlan(ChangeProgress current, RenderPlan plan, Instant now) {
    List<RenderResult> results = current == null ? new ArrayList<>() : new ArrayList<>(current.getResults());
    Instant firstSeen = current == null ? now : current.getFirstSeenAt();
    return new ChangeProgress(plan, results, firstSeen);
  }

  /** Records a result; a result for a pair already seen (redelivery, retry) replaces the earlier one. */
  public static ChangeProgress withResult(ChangeProgress current, RenderResult result, Instant now) {
    List<RenderResult> results = new ArrayList<>();
    PairKey key = PairKey.of(result);
    if (current != null) {
      for (RenderResult seen : current.getResults()) {
        if (!PairKey.of(seen).equals(key)) {
          results.add(seen);
        }
      }
    }
    results.add(result);
    return new ChangeProgress(current == null ? null : current.getPlan(), results,
        current == null ? now : current.getFirstSeenAt());
  }

  /** True when the plan is known and failed, or every RENDER pair has a result. */
  public static boolean isComplete(ChangeProgress progress) {
    RenderPlan plan = progress.getPlan();
    if (plan == null) {
      return false;
    }
    if (plan.getError() != null) {
      return true;
    }
    Set<PairKey> arrived = new HashSet<>();
    progress.getResults().forEach(r -> arrived.add(PairKey.of(r)));
    for (PlannedPair pair : plan.getPairs()) {
      if (pair.getAction() == PairAction.RENDER && !arrived.contains(PairKey.of(pair))) {
        return false;
      }
    }
    return true;
  }

  public static boolean isExpired(ChangeProgress progress, Instant now, Duration timeout) {
    return !progress.getFirstSeenAt().plus(timeout).isAfter(now);
  }

  /** The report as far as it goes; requires the plan. */
  public static Report report(ChangeProgress progress, Instant now) {
    return report(progress, now, DiffSettings.defaults());
  }

  /**
   * The report as far as it goes, diffs written with {@code settings}; requires the plan, and every
   * result to belong to the plan's change.
   */
  public static Report report(ChangeProgress progress, Instant now, DiffSettings settings) {
    if (progress.getPlan() == null) {
      throw new IllegalStateException("no plan yet: cannot report");
    }
    String changeId = progress.getPlan().getChangeId();
    for (RenderResult result : progress.getResults()) {
      if (!changeId.equals(result.getChangeId())) {
        throw new IllegalStateException("the progress of change " + changeId + " holds the result of "
            + result.getProfile() + "/" + result.getKustomization() + " for change " + result.getChangeId()
            + ": results must be collected under their own change id");
      }
    }
    return Differ.report(progress.getPlan(), progress.getResults(), now, settings);
  }
}
