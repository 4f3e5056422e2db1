package dev.foresight.publisher;

import dev.foresight.schema.Changelog;
import dev.foresight.schema.Commit;
import dev.foresight.schema.ComponentChange;
import dev.foresight.schema.DiffStats;
import dev.foresight.schema.KustomizationReport;
import dev.foresight.schema.KustomizationStatus;
import dev.foresight.schema.ObjectDiff;
import dev.foresight.schema.ProfileReport;
import dev.foresight.schema.Report;
import dev.foresight.schema.Ticket;
import java.util.List;

/**
 * A report for a terminal: title, totals, one line per changed or failed Flux Kustomization with
 * its objects, the changelog (first for promotions, after the summary otherwise), then each
 * object's diff; ANSI colours when asked (green +, red -, cyan hunks, red errors, yellow notes).
 */
public final class TextView {

  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String RED = "\u001b[31m";
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";
  private static final String CYAN = "\u001b[36m";

  private TextView() {}

  public static String render(Report report, boolean colour) {
    Paint paint = new Paint(colour);
    StringBuilder out = new StringBuilder();
    var change = report.getChange();
    out.append(paint.on(BOLD, "foresight: " + change.getRepo() + " " + Labels.kind(change) + " "
        + Labels.refAndRange(change))).append('\n');
    if (report.getError() != null) {
      out.append(paint.on(RED, "error: " + report.getError())).append('\n');
      changelog(out, paint, report);
      return out.toString();
    }
    ReportTotals totals = ReportTotals.of(report);
    if (!report.getMissing().isEmpty()) {
      out.append(paint.on(RED, "partial: no render result for " + String.join(", ", report.getMissing())))
          .append('\n');
    }
    if (totals.noChanges()) {
      out.append("No changes (").append(ReportTotals.plural(totals.kustomizations(), "kustomization"))
          .append(" in ").append(ReportTotals.plural(totals.profiles(), "profile")).append(").\n");
      changelog(out, paint, report);
      return out.toString();
    }
    out.append(totals.changed()).append('/').append(totals.kustomizations())
        .append(" kustomizations changed, +").append(totals.linesAdded()).append(" -")
        .append(totals.linesRemoved()).append(" lines, ").append(ReportTotals.plural(totals.errors(), "error"))
        .append("\n\n");
    if (Labels.changelogFirst(report)) {
      changelog(out, paint, report);
    }
    for (ProfileReport profile : report.getProfiles()) {
      for (KustomizationReport ks : profile.getKustomizations()) {
        line(out, paint, profile.getName() + "/" + ks.getName(), ks);
      }
    }
    if (!Labels.changelogFirst(report)) {
      changelog(out, paint, report);
    }
    for (ProfileReport profile : report.getProfiles()) {
      for (KustomizationReport ks : profile.getKustomizations()) {
        for (ObjectDiff object : ks.getObjects()) {
          if (!object.getDiff().isEmpty()) {
            if (!endsWithBlankLine(out)) {
              out.append('\n');
            }
            diff(out, paint, object.getDiff());
          }
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
    if (!ReportTotals.changed(ks)) {
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
        case MOVED -> paint.on(YELLOW, ">");
      };
      out.append("  ").append(mark).append(' ').append(Labels.object(object));
      List<String> notes = Labels.notes(object);
      if (!notes.isEmpty()) {
        out.append("  ").append(paint.on(YELLOW, "(" + String.join("; ", notes) + ")"));
      }
      out.append('\n');
    }
  }

  private static void changelog(StringBuilder out, Paint paint, Report report) {
    if (!Labels.hasChangelog(report)) {
      return;
    }
    Changelog changelog = report.getChangelog();
    if (!endsWithBlankLine(out)) {
      out.append('\n');
    }
    out.append(paint.on(BOLD, "changelog")).append('\n');
    if (changelog.getError() != null) {
      out.append(paint.on(RED, "  commits not listed: " + changelog.getError())).append('\n');
    }
    for (Commit commit : changelog.getCommits()) {
      out.append("  ").append(commit(paint, commit)).append('\n');
    }
    if (changelog.getTruncated()) {
      out.append("  … (list cut)\n");
    }
    for (ComponentChange component : changelog.getComponents()) {
      out.append("  ").append(paint.on(BOLD, component.getName())).append(' ').append(component.getImage())
          .append(' ').append(paint.on(RED, component.getFrom())).append(" -> ")
          .append(paint.on(GREEN, component.getTo()));
      if (component.getUrl() != null) {
        out.append("  ").append(component.getUrl());
      }
      out.append('\n');
      if (component.getError() != null) {
        out.append("    ").append(paint.on(RED, component.getError())).append('\n');
      }
      for (Commit commit : component.getCommits()) {
        out.append("    ").append(commit(paint, commit)).append('\n');
      }
    }
    out.append('\n');
  }

  private static boolean endsWithBlankLine(StringBuilder out) {
    int n = out.length();
    return n >= 2 && out.charAt(n - 1) == '\n' && out.charAt(n - 2) == '\n';
  }

  private static String commit(Paint paint, Commit commit) {
    StringBuilder line = new StringBuilder(paint.on(YELLOW, ReportTotals.shortSha(commit.getSha())))
        .append(' ').append(commit.getSubject()).append(" (").append(commit.getAuthor()).append(')');
    if (commit.getPr() != null) {
      line.append(" #").append(commit.getPr());
    }
    for (Ticket ticket : commit.getTickets()) {
      line.append(' ').append(ticket.getKey());
    }
    return line.toString();
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
