package dev.foresight.differ;

import dev.foresight.differ.changelog.ChangelogMerge;
import dev.foresight.differ.diff.Diffstat;
import dev.foresight.differ.diff.TextDiff;
import dev.foresight.differ.kustomization.Duplicates;
import dev.foresight.differ.kustomization.KustomizationDiff;
import dev.foresight.differ.kustomization.Moves;
import dev.foresight.differ.kustomization.PairDraft;
import dev.foresight.differ.kustomization.PairKey;
import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.DiffStats;
import dev.foresight.schema.KustomizationReport;
import dev.foresight.schema.PairAction;
import dev.foresight.schema.PlannedPair;
import dev.foresight.schema.ProfileReport;
import dev.foresight.schema.RenderPlan;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.Report;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Front door of the differ: what one change does to every profile x Flux Kustomization. */
public final class Differ {

  private Differ() {}

  /** {@link #report(RenderPlan, Collection, Instant, DiffSettings)} with the default settings. */
  public static Report report(RenderPlan plan, Collection<RenderResult> results, Instant now) {
    return report(plan, results, now, DiffSettings.defaults());
  }

  /**
   * Builds the report of a change. Profiles are sorted by name, Flux Kustomizations keep plan
   * order; planned pairs without a result are listed in {@code missing} as {@code profile/ks}.
   * Results are matched by profile, namespace and name; a repeated result replaces the earlier one.
   * Objects removed from one pair and added to another become MOVED (see {@link Moves}); equal
   * object diffs in several pairs are kept once (see {@link Duplicates}); stats stay per pair.
   */
  public static Report report(RenderPlan plan, Collection<RenderResult> results, Instant now,
      DiffSettings settings) {
    Report.Builder report = Report.newBuilder()
        .setChangeId(plan.getChangeId())
        .setTarget(ChangeIds.target(plan.getChange()))
        .setChange(plan.getChange())
        .setCreatedAt(now)
        .setChangelog(ChangelogMerge.of(plan, results));
    if (plan.getError() != null) {
      return report.setError(plan.getError()).setProfiles(new ArrayList<>())
          .setStats(Diffstat.zero()).setMissing(new ArrayList<>()).build();
    }
    Map<PairKey, RenderResult> byPair = new HashMap<>();
    for (RenderResult result : results) {
      byPair.put(PairKey.of(result), result);
    }
    Map<String, List<PairDraft>> byProfile = new TreeMap<>();
    Map<String, List<String>> missingByProfile = new TreeMap<>();
    for (PlannedPair pair : plan.getPairs()) {
      PairDraft draft;
      if (pair.getAction() == PairAction.SKIP) {
        draft = PairDraft.skipped(pair);
      } else {
        RenderResult result = byPair.get(PairKey.of(pair));
        if (result == null) {
          missingByProfile.computeIfAbsent(pair.getProfile(), p -> new ArrayList<>())
              .add(pair.getProfile() + "/" + pair.getKustomization());
          continue;
        }
        draft = PairDraft.of(pair, result);
      }
      byProfile.computeIfAbsent(pair.getProfile(), p -> new ArrayList<>()).add(draft);
    }
    List<PairDraft> drafts = new ArrayList<>();
    byProfile.values().forEach(drafts::addAll);
    Moves.apply(drafts);
    List<ProfileReport> profiles = new ArrayList<>();
    List<Duplicates.Named> named = new ArrayList<>();
    DiffStats total = Diffstat.zero();
    for (Map.Entry<String, List<PairDraft>> entry : byProfile.entrySet()) {
      List<KustomizationReport> kustomizations = new ArrayList<>();
      for (PairDraft draft : entry.getValue()) {
        KustomizationReport ks = KustomizationDiff.of(draft, settings.context());
        kustomizations.add(ks);
        named.add(new Duplicates.Named(draft.name(), draft.profile(), ks));
        total = Diffstat.plus(total, ks.getStats());
      }
      profiles.add(new ProfileReport(entry.getKey(), kustomizations));
    }
    Duplicates.apply(named);
    List<String> missing = new ArrayList<>();
    missingByProfile.values().forEach(missing::addAll);
    return report.setError(null).setProfiles(profiles).setStats(total).setMissing(missing).build();
  }

  /**
   * True when some object of the pair differs (added, removed, changed or moved). The pair's
   * whole-output {@code diff} is always empty now; ask this instead.
   */
  public static boolean changed(KustomizationReport ks) {
    return !ks.getObjects().isEmpty();
  }

  /**
   * Unified diff (3 lines of context) of the whole rendered output of one Flux Kustomization,
   * with file names {@code base/<profile>/<ks>} and {@code head/<profile>/<ks>}; lines joined
   * with "\n" plus a trailing "\n", or the empty string when both texts are equal. A null text
   * is the empty text.
   */
  public static String unifiedDiff(String profile, String ks, String baseText, String headText) {
    return KustomizationDiff.wholeDiff(profile, ks, baseText, headText).unified();
  }

  /** Same as {@link #unifiedDiff} for any two texts and file names. */
  public static String unifiedDiffNamed(String baseName, String headName, String baseText, String headText) {
    return TextDiff.of(baseName, headName, baseText, headText).unified();
  }
}
