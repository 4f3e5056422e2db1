package dev.foresight.publisher;

import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.ChangeKind;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.DiffStats;
import dev.foresight.schema.KustomizationReport;
import dev.foresight.schema.KustomizationStatus;
import dev.foresight.schema.ProfileReport;
import dev.foresight.schema.Report;
import java.util.Locale;

/**
 * A report as GitHub-flavoured Markdown: title, summary table per profile x Flux Kustomization,
 * errors, missing pairs, then one collapsed {@code diff} block per changed Kustomization. The
 * first line is a hidden marker ({@code <!-- foresight:repo#target -->}) that sinks can use to
 * update their earlier post instead of adding one.
 */
public final class MarkdownView {

  private MarkdownView() {}

  public static String render(Report report) {
    StringBuilder md = new StringBuilder();
    md.append(marker(report)).append('\n');
    md.append("### Foresight: ").append(title(report.getChange())).append("\n\n");
    if (report.getError() != null) {
      md.append("**Error:** the change could not be planned.\n\n");
      fenced(md, "text", report.getError());
      return md.toString();
    }
    ReportTotals totals = ReportTotals.of(report);
    if (!report.getMissing().isEmpty()) {
      md.append("> **Partial report:** no render result arrived for ");
      for (int i = 0; i < report.getMissing().size(); i++) {
        md.append(i == 0 ? "" : ", ").append(code(report.getMissing().get(i)));
      }
      md.append(".\n\n");
    }
    if (totals.noChanges()) {
      md.append("No changes (").append(ReportTotals.plural(totals.kustomizations(), "kustomization"))
          .append(" in ").append(ReportTotals.plural(totals.profiles(), "profile")).append(").\n");
      return md.toString();
    }
    md.append(totals.changed()).append('/').append(totals.kustomizations())
        .append(" kustomizations changed, +").append(totals.linesAdded()).append(" -")
        .append(totals.linesRemoved()).append(" lines, ")
        .append(ReportTotals.plural(totals.errors(), "error")).append(".\n\n");
    table(md, report);
    errors(md, report);
    diffs(md, report);
    return md.toString();
  }

  /** The hidden marker that identifies the report's target: {@code <!-- foresight:repo#target -->}. */
  public static String marker(Report report) {
    return "<!-- foresight:" + ChangeIds.reportKey(report.getChange()).replace("--", "-\\-") + " -->";
  }

  static String title(ChangeRequested change) {
    String kind = change.getKind() == ChangeKind.PULL_REQUEST && change.getPullRequest() != null
        ? "pull request #" + change.getPullRequest()
        : change.getKind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return code(change.getRepo()) + " " + kind + " " + code(change.getRef()) + " "
        + code(ReportTotals.range(change));
  }

  private static void table(StringBuilder md, Report report) {
    md.append("| Profile | Kustomization | Status | Objects (+ - ~) | Lines (+ -) |\n");
    md.append("| --- | --- | --- | --- | --- |\n");
    for (ProfileReport profile : report.getProfiles()) {
      for (KustomizationReport ks : profile.getKustomizations()) {
        DiffStats s = ks.getStats();
        boolean counted = ks.getStatus() == KustomizationStatus.OK;
        md.append("| ").append(cell(profile.getName())).append(" | ").append(cell(ks.getName()))
            .append(" | ").append(status(ks)).append(" | ")
            .append(counted ? "+" + s.getObjectsAdded() + " -" + s.getObjectsRemoved() + " ~" + s.getObjectsChanged() : "")
            .append(" | ").append(counted ? "+" + s.getLinesAdded() + " -" + s.getLinesRemoved() : "")
            .append(" |\n");
      }
    }
    md.append('\n');
  }

  private static String status(KustomizationReport ks) {
    if (ks.getStatus() == KustomizationStatus.OK) {
      return ks.getDiff().isEmpty() ? "unchanged" : "changed";
    }
    return ks.getStatus() == KustomizationStatus.ERROR ? "**error**" : "skipped";
  }

  private static void errors(StringBuilder md, Report report) {
    for (ProfileReport profile : report.getProfiles()) {
      for (KustomizationReport ks : profile.getKustomizations()) {
        if (ks.getStatus() == KustomizationStatus.ERROR) {
          md.append("**Error** in ").append(code(profile.getName() + "/" + ks.getName())).append(":\n\n");
          fenced(md, "text", ks.getError() == null ? "" : ks.getError());
        }
        for (String warning : ks.getWarnings()) {
          md.append("**Warning** in ").append(code(profile.getName() + "/" + ks.getName())).append(": ")
              .append(html(warning)).append("\n\n");
        }
      }
    }
  }

  private static void diffs(StringBuilder md, Report report) {
    for (ProfileReport profile : report.getProfiles()) {
      for (KustomizationReport ks : profile.getKustomizations()) {
        if (ks.getDiff().isEmpty()) {
          continue;
        }
        DiffStats s = ks.getStats();
        md.append("<details><summary><code>").append(html(profile.getName() + "/" + ks.getName()))
            .append("</code> +").append(s.getLinesAdded()).append(" -").append(s.getLinesRemoved())
            .append(" (").append(s.getObjectsAdded()).append(" added, ").append(s.getObjectsRemoved())
            .append(" removed, ").append(s.getObjectsChanged()).append(" changed)</summary>\n\n");
        fenced(md, "diff", ks.getDiff());
        md.append("</details>\n\n");
      }
    }
  }

  /** A fenced block whose fence is longer than any backtick run inside the text. */
  static void fenced(StringBuilder md, String language, String text) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      run = text.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(Math.max(3, longest + 1));
    md.append(fence).append(language).append('\n').append(text);
    if (!text.endsWith("\n")) {
      md.append('\n');
    }
    md.append(fence).append("\n\n");
  }

  private static String code(String text) {
    return "`" + text.replace("`", "'") + "`";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }

  private static String html(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
