package dev.foresight.publisher;

import dev.foresight.schema.DiffStats;
import dev.foresight.schema.KustomizationReport;
import dev.foresight.schema.KustomizationStatus;
import dev.foresight.schema.ObjectDiff;
import dev.foresight.schema.ProfileReport;
import dev.foresight.schema.Report;
import java.util.Locale;

/**
 * A report for a terminal: title, totals, one line per changed or failed Flux Kustomization with
 * its objects, then the diffs; ANSI colours when asked (green +, red -, cyan hunks, red errors).
 */
public final class TextView {

  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String RED = "\u001b[31m";
  private static final String GREEN = "\u001b[32m";
  private static final String CYAN = "\u001b[36m";

  private TextView() {}

  public static String render(Report report, boolean colour) {
    Paint paint = new Paint(colour);
    StringBuilder out = new StringBuilder();
    var change = report.getChange();
    out.append(paint.on(BOLD, "foresight: " + change.getRepo() + " "
        + change.getKind().name().toLowerCase(Locale.ROOT) + " " + change.getRef() + " "
        + ReportTotals.range(change))).append('\n');
    if (report.getError() != null) {
      return out.append(paint.on(RED, "error: " + report.getError())).append('\n').toString();
    }
    ReportTotals totals = ReportTotals.of(report);
    if (!report.getMissing().isEmpty()) {
      out.append(paint.on(RED, "partial: no render result for " + String.join(", ", report.getMissing())))
          .append('\n');
    }
    if (totals.noChanges()) {
      return out.append("No changes (").append(ReportTotals.plural(totals.kustomizations(), "kustomization"))
          .append(" in ").append(ReportTotals.plural(totals.profiles(), "profile")).append(").\n").toString();
    }
    out.append(totals.changed()).append('/').append(totals.kustomizations())
        .append(" kustomizations changed, +").append(totals.linesAdded()).append(" -")
        .append(totals.linesRemoved()).append(" lines, ").append(ReportTotals.plural(totals.errors(), "error"))
        .append("\n\n");
    for (ProfileReport profile : report.getProfiles()) {
      for (KustomizationReport ks : profile.getKustomizations()) {
        line(out, paint, profile.getName() + "/" + ks.getName(), ks);
      }
    }
    for (ProfileReport profile : report.getProfiles()) {
      for (KustomizationReport ks : profile.getKustomizations()) {
        if (!ks.getDiff().isEmpty()) {
          out.append('\n');
          diff(out, paint, ks.getDiff());
        }
      }
    }
    return out.toString();
  }

  private static void line(StringBuilder out, Paint paint, String name, KustomizationReport ks) {
    for (String warning : ks.getWarnings()) {
      out.append(paint.on(RED, name + "  warning: " + warning)).append('\n');
    }
    if (ks.getStatus() == KustomizationStatus.ERROR) {
      out.append(paint.on(RED, name + "  error: " + ks.getError())).append('\n');
      return;
    }
    if (ks.getDiff().isEmpty()) {
      return;
    }
    DiffStats s = ks.getStats();
    out.append(paint.on(BOLD, name)).append("  objects +").append(s.getObjectsAdded()).append(" -")
        .append(s.getObjectsRemoved()).append(" ~").append(s.getObjectsChanged()).append("  lines ")
        .append(paint.on(GREEN, "+" + s.getLinesAdded())).append(' ')
        .append(paint.on(RED, "-" + s.getLinesRemoved())).append('\n');
    for (ObjectDiff object : ks.getObjects()) {
      String mark = switch (object.getChange()) {
        case ADDED -> paint.on(GREEN, "+");
        case REMOVED -> paint.on(RED, "-");
        case CHANGED -> "~";
        case MOVED -> ">";
      };
      out.append("  ").append(mark).append(' ').append(object.getApiVersion()).append(' ')
          .append(object.getKind()).append(' ')
          .append(object.getNamespace() == null ? "" : object.getNamespace() + "/")
          .append(object.getName()).append('\n');
    }
  }

  private static void diff(StringBuilder out, Paint paint, String diff) {
    for (String line : diff.split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      String colour = line.startsWith("+++") || line.startsWith("---") ? BOLD
          : line.startsWith("@@") ? CYAN
          : line.startsWith("+") ? GREEN
          : line.startsWith("-") ? RED : null;
      out.append(colour == null ? line : paint.on(colour, line)).append('\n');
    }
  }

  private record Paint(boolean enabled) {
    String on(String code, String text) {
      return enabled ? code + text + RESET : text;
    }
  }
}
