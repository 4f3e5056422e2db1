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
import java.util.Locale;

/**
 * A report as one self-contained HTML page for the archive (inline CSS, no script, nothing
 * fetched): navigation by profile, a summary table, the changelog, errors, then per profile one
 * collapsible {@code <details>} per changed Flux Kustomization with a coloured diff per object.
 * Every piece of report text is HTML-escaped.
 */
public final class HtmlView {

  private static final String STYLE = """
      body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:0;color:#1f2328}
      nav{position:fixed;top:0;left:0;bottom:0;width:14rem;overflow:auto;background:#f6f8fa;border-right:1px solid #d0d7de;padding:1rem}
      nav ul{list-style:none;padding:0;margin:0}nav li{margin:.2rem 0}
      main{margin-left:16rem;padding:1rem 2rem;max-width:80rem}
      table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:.2rem .6rem;text-align:left}
      details{border:1px solid #d0d7de;border-radius:6px;margin:.5rem 0;padding:.3rem .6rem}
      summary{cursor:pointer;font-family:monospace}
      pre.diff{background:#f6f8fa;padding:.5rem;overflow:auto;font-size:12px;line-height:1.35}
      pre.diff span{display:block;white-space:pre}
      .add{background:#e6ffec;color:#116329}.del{background:#ffebe9;color:#82071e}
      .hunk{color:#0550ae;background:#ddf4ff}.meta{font-weight:bold}
      .error{color:#82071e}.warning{color:#7d4e00}.note{color:#57606a}.obj{font-family:monospace;margin-top:.6rem}
      """;

  private HtmlView() {}

  public static String render(Report report) {
    StringBuilder h = new StringBuilder();
    String title = "Foresight: " + report.getChange().getRepo() + " " + Labels.kind(report.getChange()) + " "
        + Labels.refAndRange(report.getChange());
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(esc(title))
        .append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
    nav(h, report);
    h.append("<main>\n<h1>").append(esc(title)).append("</h1>\n");
    if (report.getError() != null) {
      h.append("<p class=\"error\">The change could not be planned:</p>\n<pre class=\"error\">")
          .append(esc(report.getError())).append("</pre>\n");
      changelog(h, report);
      return h.append("</main>\n</body>\n</html>\n").toString();
    }
    if (!report.getMissing().isEmpty()) {
      h.append("<p class=\"warning\">Partial report: no render result arrived for ")
          .append(esc(String.join(", ", report.getMissing()))).append(".</p>\n");
    }
    ReportTotals totals = ReportTotals.of(report);
    h.append("<p>").append(totals.changed()).append('/').append(totals.kustomizations())
        .append(" kustomizations changed, +").append(totals.linesAdded()).append(" -").append(totals.linesRemoved())
        .append(" lines, ").append(ReportTotals.plural(totals.errors(), "error")).append(".</p>\n");
    summary(h, report);
    if (Labels.changelogFirst(report)) {
      changelog(h, report);
      problems(h, report);
    } else {
      problems(h, report);
      changelog(h, report);
    }
    for (int i = 0; i < report.getProfiles().size(); i++) {
      profile(h, report.getProfiles().get(i), i);
    }
    return h.append("</main>\n</body>\n</html>\n").toString();
  }

  private static void nav(StringBuilder h, Report report) {
    h.append("<nav>\n<strong>Profiles</strong>\n<ul>\n");
    if (Labels.hasChangelog(report)) {
      h.append("<li><a href=\"#changelog\">Changelog</a></li>\n");
    }
    for (int i = 0; i < report.getProfiles().size(); i++) {
      ProfileReport profile = report.getProfiles().get(i);
      ProfileTotals t = ProfileTotals.of(profile);
      h.append("<li><a href=\"#").append(anchor(i, profile.getName())).append("\">").append(esc(profile.getName()))
          .append("</a> <span class=\"note\">").append(t.changed()).append('/').append(t.kustomizations())
          .append(t.errors() > 0 ? ", " + t.errors() + " error" + (t.errors() == 1 ? "" : "s") : "")
          .append("</span></li>\n");
    }
    h.append("</ul>\n</nav>\n");
  }

  private static void summary(StringBuilder h, Report report) {
    h.append("<table>\n<tr><th>Profile</th><th>Changed</th><th>Errors</th><th>Skipped</th><th>All</th>"
        + "<th>Objects + - ~</th><th>Lines + -</th></tr>\n");
    for (int i = 0; i < report.getProfiles().size(); i++) {
      ProfileTotals t = ProfileTotals.of(report.getProfiles().get(i));
      h.append("<tr><td><a href=\"#").append(anchor(i, t.profile())).append("\">").append(esc(t.profile()))
          .append("</a></td><td>").append(t.changed()).append("</td><td>").append(t.errors()).append("</td><td>")
          .append(t.skipped()).append("</td><td>").append(t.kustomizations()).append("</td><td>+")
          .append(t.objectsAdded()).append(" -").append(t.objectsRemoved()).append(" ~").append(t.objectsChanged())
          .append("</td><td>+").append(t.linesAdded()).append(" -").append(t.linesRemoved()).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void problems(StringBuilder h, Report report) {
    for (ProfileReport profile : report.getProfiles()) {
      for (KustomizationReport ks : profile.getKustomizations()) {
        String pair = profile.getName() + "/" + ks.getName();
        if (ks.getStatus() == KustomizationStatus.ERROR) {
          h.append("<p class=\"error\">Error in <code>").append(esc(pair)).append("</code>:</p>\n<pre class=\"error\">")
              .append(esc(ks.getError() == null ? "" : ks.getError())).append("</pre>\n");
        }
        for (String warning : ks.getWarnings()) {
          h.append("<p class=\"warning\">Warning in <code>").append(esc(pair)).append("</code>: ").append(esc(warning))
              .append("</p>\n");
        }
      }
    }
  }

  private static void changelog(StringBuilder h, Report report) {
    if (!Labels.hasChangelog(report)) {
      return;
    }
    Changelog changelog = report.getChangelog();
    h.append("<section id=\"changelog\">\n<h2>Changelog</h2>\n");
    if (changelog.getError() != null) {
      h.append("<p class=\"error\">Could not list the GitOps commits: ").append(esc(changelog.getError())).append("</p>\n");
    }
    if (!changelog.getCommits().isEmpty()) {
      h.append("<h3>GitOps commits</h3>\n<ul>\n");
      changelog.getCommits().forEach(c -> h.append("<li>").append(commit(c)).append("</li>\n"));
      if (changelog.getTruncated()) {
        h.append("<li class=\"note\">… list cut</li>\n");
      }
      h.append("</ul>\n");
    }
    if (!changelog.getComponents().isEmpty()) {
      h.append("<h3>Components</h3>\n<ul>\n");
      for (ComponentChange component : changelog.getComponents()) {
        h.append("<li><strong>").append(esc(component.getName())).append("</strong> <code>").append(esc(component.getImage()))
            .append("</code> <code>").append(esc(component.getFrom())).append("</code> → <code>")
            .append(esc(component.getTo())).append("</code>");
        if (component.getUrl() != null) {
          h.append(" <a href=\"").append(esc(component.getUrl())).append("\">compare</a>");
        }
        if (!component.getPairs().isEmpty()) {
          h.append(" <span class=\"note\">in ").append(esc(String.join(", ", component.getPairs()))).append("</span>");
        }
        h.append("\n<ul>\n");
        if (component.getError() != null) {
          h.append("<li class=\"error\">").append(esc(component.getError())).append("</li>\n");
        }
        component.getCommits().forEach(c -> h.append("<li>").append(commit(c)).append("</li>\n"));
        h.append("</ul></li>\n");
      }
      h.append("</ul>\n");
    }
    h.append("</section>\n");
  }

  private static String commit(Commit commit) {
    String sha = "<code>" + esc(ReportTotals.shortSha(commit.getSha())) + "</code>";
    StringBuilder s = new StringBuilder(commit.getUrl() == null ? sha
        : "<a href=\"" + esc(commit.getUrl()) + "\">" + sha + "</a>");
    s.append(' ').append(esc(commit.getSubject())).append(" <span class=\"note\">— ").append(esc(commit.getAuthor()))
        .append("</span>");
    if (commit.getPr() != null) {
      String pull = Labels.pullUrl(commit.getUrl(), commit.getPr());
      s.append(" · ").append(pull == null ? "#" + commit.getPr()
          : "<a href=\"" + esc(pull) + "\">#" + commit.getPr() + "</a>");
    }
    for (Ticket ticket : commit.getTickets()) {
      s.append(" · ").append(ticket.getUrl() == null ? esc(ticket.getKey())
          : "<a href=\"" + esc(ticket.getUrl()) + "\">" + esc(ticket.getKey()) + "</a>");
    }
    return s.toString();
  }

  private static void profile(StringBuilder h, ProfileReport profile, int index) {
    h.append("<section id=\"").append(anchor(index, profile.getName())).append("\">\n<h2>").append(esc(profile.getName()))
        .append("</h2>\n");
    boolean any = false;
    for (KustomizationReport ks : profile.getKustomizations()) {
      if (!ReportTotals.changed(ks)) {
        continue;
      }
      any = true;
      DiffStats s = ks.getStats();
      h.append("<details><summary>").append(esc(profile.getName() + "/" + ks.getName())).append(" +")
          .append(s.getLinesAdded()).append(" -").append(s.getLinesRemoved()).append(" (").append(s.getObjectsAdded())
          .append(" added, ").append(s.getObjectsRemoved()).append(" removed, ").append(s.getObjectsChanged())
          .append(" changed)</summary>\n");
      for (ObjectDiff object : ks.getObjects()) {
        h.append("<div class=\"obj\">").append(esc(Labels.symbol(object) + " " + Labels.object(object)));
        List<String> notes = Labels.notes(object);
        if (!notes.isEmpty()) {
          h.append(" <span class=\"note\">(").append(esc(String.join("; ", notes))).append(")</span>");
        }
        h.append("</div>\n");
        if (!object.getDiff().isEmpty()) {
          diff(h, object.getDiff());
        }
      }
      h.append("</details>\n");
    }
    if (!any) {
      h.append("<p class=\"note\">No changes.</p>\n");
    }
    h.append("</section>\n");
  }

  private static void diff(StringBuilder h, String diff) {
    h.append("<pre class=\"diff\">");
    for (String line : Labels.lines(diff)) {
      String css = line.startsWith("+++") || line.startsWith("---") ? "meta"
          : line.startsWith("@@") ? "hunk"
          : line.startsWith("+") ? "add"
          : line.startsWith("-") ? "del" : null;
      h.append(css == null ? "<span>" : "<span class=\"" + css + "\">").append(esc(line)).append("</span>");
    }
    h.append("</pre>\n");
  }

  /** {@code p<index>-<name>}: unique even when two names sanitise alike. */
  static String anchor(int index, String name) {
    return "p" + index + "-" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-");
  }

  private static String esc(String text) {
    return Labels.html(text).replace("'", "&#39;");
  }
}
