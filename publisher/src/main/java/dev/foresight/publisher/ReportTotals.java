package dev.foresight.publisher;

import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.KustomizationReport;
import dev.foresight.schema.KustomizationStatus;
import dev.foresight.schema.ProfileReport;
import dev.foresight.schema.Report;

/**
 * Counts over a report that the views show. A Flux Kustomization is "changed" when it has object
 * diffs ({@code objects}); the whole-output {@code KustomizationReport.diff} is not read (deprecated).
 */
public record ReportTotals(int profiles, int kustomizations, int changed, int errors, int missing,
    int linesAdded, int linesRemoved) {

  public static ReportTotals of(Report report) {
    int kustomizations = 0;
    int changed = 0;
    int errors = 0;
    for (ProfileReport profile : report.getProfiles()) {
      for (KustomizationReport ks : profile.getKustomizations()) {
        kustomizations++;
        if (changed(ks)) {
          changed++;
        }
        if (ks.getStatus() == KustomizationStatus.ERROR) {
          errors++;
        }
      }
    }
    return new ReportTotals(report.getProfiles().size(), kustomizations, changed, errors,
        report.getMissing().size(), report.getStats().getLinesAdded(), report.getStats().getLinesRemoved());
  }

  /** True when the Flux Kustomization has at least one object that differs. */
  public static boolean changed(KustomizationReport ks) {
    return !ks.getObjects().isEmpty();
  }

  /** True when nothing differs and nothing failed. */
  public boolean noChanges() {
    return changed == 0 && errors == 0;
  }

  /** First 7 characters of a commit id. */
  public static String shortSha(String sha) {
    return sha.length() <= 7 ? sha : sha.substring(0, 7);
  }

  /** {@code base7..head7}. */
  public static String range(ChangeRequested change) {
    return shortSha(change.getBase()) + ".." + shortSha(change.getHead());
  }

  static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
