package dev.foresight.publisher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foresight.schema.Changelog;
import dev.foresight.schema.Commit;
import dev.foresight.schema.ComponentChange;
import dev.foresight.schema.KustomizationReport;
import dev.foresight.schema.KustomizationStatus;
import dev.foresight.schema.ProfileReport;
import dev.foresight.schema.Report;
import dev.foresight.schema.Ticket;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A report as a Slack Block Kit payload for {@code chat.postMessage}: {@code text} (the fallback,
 * {@link SummaryLine}) and {@code blocks}: a header, the totals, one line per profile that
 * changes, errors, the changelog, and a link to the full report. Within Slack's limits: at most
 * {@value #MAX_BLOCKS} blocks, section text at most {@value #MAX_SECTION} characters, header at
 * most {@value #MAX_HEADER}; long lists end with "…and N more".
 */
public final class SlackView {

  public static final int MAX_BLOCKS = 50;
  public static final int MAX_SECTION = 3_000;
  public static final int MAX_HEADER = 150;
  private static final int MAX_COMPONENT_COMMITS = 3;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SlackView() {}

  /** The payload as JSON (two-space indented, final newline); {@code reportUrl} may be null. */
  public static String render(Report report, String reportUrl) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(payload(report, reportUrl)) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write report " + report.getChangeId() + " as a Slack payload", e);
    }
  }

  public static ObjectNode payload(Report report, String reportUrl) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("text", cut(esc(SummaryLine.of(report)), MAX_SECTION));
    ArrayNode blocks = root.putArray("blocks");
    var change = report.getChange();
    header(blocks, "Foresight: " + Labels.repoName(change.getRepo()) + " " + Labels.kind(change) + " "
        + Labels.refAndRange(change).replaceFirst("^refs/heads/", ""));
    if (report.getError() != null) {
      section(blocks, List.of(":x: *The change could not be planned:* " + esc(report.getError())));
    } else {
      ReportTotals totals = ReportTotals.of(report);
      List<String> summary = new ArrayList<>();
      summary.add(totals.noChanges() ? "No changes (" + ReportTotals.plural(totals.kustomizations(), "kustomization")
          + " in " + ReportTotals.plural(totals.profiles(), "profile") + ")."
          : "*" + totals.changed() + "/" + totals.kustomizations() + "* kustomizations changed, *+"
          + totals.linesAdded() + " -" + totals.linesRemoved() + "* lines, "
          + ReportTotals.plural(totals.errors(), "error") + ".");
      if (!report.getMissing().isEmpty()) {
        summary.add(":warning: Partial report: no render result for " + esc(String.join(", ", report.getMissing())));
      }
      section(blocks, summary);
      if (Labels.changelogFirst(report)) {
        changelog(blocks, report);
      }
      profiles(blocks, report);
      errors(blocks, report);
      if (!Labels.changelogFirst(report)) {
        changelog(blocks, report);
      }
    }
    if (report.getError() != null) {
      changelog(blocks, report);
    }
    ArrayNode context = blocks.addObject().put("type", "context").putArray("elements");
    context.addObject().put("type", "mrkdwn").put("text", reportUrl == null ? "Full report in the Foresight archive."
        : "<" + reportUrl + "|Full report with every diff>");
    return root;
  }

  private static void profiles(ArrayNode blocks, Report report) {
    List<String> lines = new ArrayList<>();
    int quiet = 0;
    for (ProfileReport profile : report.getProfiles()) {
      ProfileTotals t = ProfileTotals.of(profile);
      if (t.changed() == 0 && t.errors() == 0) {
        quiet++;
        continue;
      }
      lines.add("• *" + esc(t.profile()) + "*: " + t.changed() + "/" + t.kustomizations() + " changed"
          + (t.errors() > 0 ? ", :x: " + ReportTotals.plural(t.errors(), "error") : "") + " · objects +"
          + t.objectsAdded() + " -" + t.objectsRemoved() + " ~" + t.objectsChanged() + " · lines +" + t.linesAdded()
          + " -" + t.linesRemoved());
    }
    if (quiet > 0 && !lines.isEmpty()) {
      lines.add("_" + ReportTotals.plural(quiet, "profile") + " without changes_");
    }
    section(blocks, lines);
  }

  private static void errors(ArrayNode blocks, Report report) {
    List<String> lines = new ArrayList<>();
    for (ProfileReport profile : report.getProfiles()) {
      for (KustomizationReport ks : profile.getKustomizations()) {
        if (ks.getStatus() == KustomizationStatus.ERROR) {
          String error = ks.getError() == null ? "" : ks.getError().lines().findFirst().orElse("");
          lines.add("• :x: `" + esc(profile.getName() + "/" + ks.getName()) + "`: " + esc(cut(error, 300)));
        }
      }
    }
    if (!lines.isEmpty()) {
      lines.add(0, "*Errors*");
      section(blocks, lines);
    }
  }

  private static void changelog(ArrayNode blocks, Report report) {
    if (!Labels.hasChangelog(report)) {
      return;
    }
    Changelog changelog = report.getChangelog();
    if (!changelog.getCommits().isEmpty() || changelog.getError() != null) {
      List<String> commits = new ArrayList<>();
      commits.add("*GitOps commits* (" + changelog.getCommits().size() + (changelog.getTruncated() ? ", list cut" : "")
          + ")");
      if (changelog.getError() != null) {
        commits.add(":warning: Could not list the commits: " + esc(changelog.getError()));
      }
      changelog.getCommits().forEach(c -> commits.add("• " + commit(c)));
      section(blocks, commits);
    }
    if (changelog.getComponents().isEmpty()) {
      return;
    }
    List<String> components = new ArrayList<>();
    components.add("*Components* (" + changelog.getComponents().size() + ")");
    for (ComponentChange component : changelog.getComponents()) {
      StringBuilder line = new StringBuilder("• *").append(esc(component.getName())).append("* `")
          .append(esc(component.getFrom())).append("` → `").append(esc(component.getTo())).append('`');
      if (component.getUrl() != null) {
        line.append(" <").append(component.getUrl()).append("|compare>");
      }
      if (component.getError() != null) {
        line.append("\n    :warning: ").append(esc(component.getError()));
      }
      List<Commit> list = component.getCommits();
      for (int i = 0; i < Math.min(list.size(), MAX_COMPONENT_COMMITS); i++) {
        line.append("\n    ◦ ").append(commit(list.get(i)));
      }
      if (list.size() > MAX_COMPONENT_COMMITS) {
        line.append("\n    ◦ …and ").append(list.size() - MAX_COMPONENT_COMMITS).append(" more");
      }
      components.add(line.toString());
    }
    section(blocks, components);
  }

  private static String commit(Commit commit) {
    String sha = ReportTotals.shortSha(commit.getSha());
    StringBuilder s = new StringBuilder(commit.getUrl() == null ? "`" + sha + "`" : "<" + commit.getUrl() + "|" + sha + ">");
    s.append(' ').append(esc(cut(commit.getSubject(), 200))).append(" — ").append(esc(commit.getAuthor()));
    if (commit.getPr() != null) {
      String pull = Labels.pullUrl(commit.getUrl(), commit.getPr());
      s.append(" · ").append(pull == null ? "#" + commit.getPr() : "<" + pull + "|#" + commit.getPr() + ">");
    }
    for (Ticket ticket : commit.getTickets()) {
      s.append(" · ").append(ticket.getUrl() == null ? esc(ticket.getKey())
          : "<" + ticket.getUrl() + "|" + esc(ticket.getKey()) + ">");
    }
    return s.toString();
  }

  private static void header(ArrayNode blocks, String text) {
    blocks.addObject().put("type", "header").putObject("text").put("type", "plain_text")
        .put("text", cut(text, MAX_HEADER));
  }

  /** One section of the lines that fit in {@value #MAX_SECTION} characters, then "…and N more". */
  private static void section(ArrayNode blocks, List<String> lines) {
    if (lines.isEmpty() || blocks.size() >= MAX_BLOCKS - 1) {
      return;
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String line = cut(lines.get(i), MAX_SECTION - 40);
      String more = "\n…and " + (lines.size() - i) + " more";
      boolean last = i == lines.size() - 1;
      int needed = (text.isEmpty() ? 0 : 1) + line.length() + (last ? 0 : more.length());
      if (text.length() + needed > MAX_SECTION) {
        text.append(more);
        break;
      }
      text.append(text.isEmpty() ? "" : "\n").append(line);
    }
    blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", text.toString());
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  /** Slack's mrkdwn escaping: {@code &}, {@code <}, {@code >}. */
  static String esc(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
