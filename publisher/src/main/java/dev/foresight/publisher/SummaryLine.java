package dev.foresight.publisher;

import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.Report;

/**
 * One line about a report, for logs and notifications:
 * {@code <repo> <kind> <ref> <base7>..<head7>: 3 profiles, 5/12 kustomizations changed, +40 -12 lines, 1 error}
 * (then {@code , 2 missing} for a partial report), or {@code ...: error: <message>}.
 */
public final class SummaryLine {

  private SummaryLine() {}

  public static String of(Report report) {
    ChangeRequested change = report.getChange();
    String kind = change.getKind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    String into = Labels.ref(change).isEmpty() ? "" : " into " + change.getRef();
    String target = change.getPullRequest() != null ? "#" + change.getPullRequest() + into + " "
        : Labels.ref(change).isEmpty() ? "" : change.getRef() + " ";
    String head = change.getRepo() + " " + kind + " " + target + ReportTotals.range(change) + ": ";
    if (report.getError() != null) {
      return head + "error: " + report.getError().lines().findFirst().orElse("");
    }
    ReportTotals totals = ReportTotals.of(report);
    String line = head + ReportTotals.plural(totals.profiles(), "profile") + ", "
        + totals.changed() + "/" + totals.kustomizations() + " kustomizations changed, +"
        + totals.linesAdded() + " -" + totals.linesRemoved() + " lines, "
        + ReportTotals.plural(totals.errors(), "error");
    return totals.missing() == 0 ? line : line + ", " + totals.missing() + " missing";
  }
}
