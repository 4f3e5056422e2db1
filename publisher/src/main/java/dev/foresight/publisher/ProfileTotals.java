package dev.foresight.publisher;

import dev.foresight.schema.DiffStats;
import dev.foresight.schema.KustomizationReport;
import dev.foresight.schema.KustomizationStatus;
import dev.foresight.schema.ProfileReport;

/** One row of the summary table: a profile's Flux Kustomizations and what changes in them. */
public record ProfileTotals(String profile, int kustomizations, int changed, int errors, int skipped,
    int objectsAdded, int objectsRemoved, int objectsChanged, int linesAdded, int linesRemoved) {

  public static ProfileTotals of(ProfileReport profile) {
    int changed = 0;
    int errors = 0;
    int skipped = 0;
    int oa = 0;
    int or = 0;
    int oc = 0;
    int la = 0;
    int lr = 0;
    for (KustomizationReport ks : profile.getKustomizations()) {
      if (ReportTotals.changed(ks)) {
        changed++;
      }
      if (ks.getStatus() == KustomizationStatus.ERROR) {
        errors++;
      } else if (ks.getStatus() == KustomizationStatus.SKIPPED) {
        skipped++;
      }
      DiffStats s = ks.getStats();
      oa += s.getObjectsAdded();
      or += s.getObjectsRemoved();
      oc += s.getObjectsChanged();
      la += s.getLinesAdded();
      lr += s.getLinesRemoved();
    }
    return new ProfileTotals(profile.getName(), profile.getKustomizations().size(), changed, errors, skipped,
        oa, or, oc, la, lr);
  }
}
