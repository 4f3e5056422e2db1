package dev.foresight.publisher;

import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.ChangeRequested;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A report as GitHub-flavoured Markdown, in numbered parts that each fit a comment body.
 *
 * <p>Order: title, partial-report note, totals, a summary table per profile; for promotions the
 * changelog next, then errors and warnings (other changes: errors and warnings, then the
 * changelog); one collapsed {@code <details>} per profile x Flux Kustomization with a {@code diff}
 * block per object.
 * Duplicates ({@code sameAs}) are one line. Every part starts with the hidden marker
 * {@code <!-- foresight:part N/M repo#target -->}; no part exceeds {@link Options#limit()}
 * characters; code blocks and {@code <details>} are closed at the end of a part and reopened in the
 * next; a diff too large for one part is cut with a note linking to the full report.
 */
public final class MarkdownView {

  /** GitHub's limit on an issue or pull-request comment body, in characters. */
  public static final int GITHUB_LIMIT = 65_536;
  /** Parts posted at most by default; what does not fit is counted in a final note. */
  public static final int DEFAULT_MAX_PARTS = 10;

  /**
   * @param limit     characters per part, marker included
   * @param maxParts  parts at most; the rest of the objects is counted in a note at the end
   * @param reportUrl link to the full report (the archive's HTML) for truncation notes; may be null
   */
  public record Options(int limit, int maxParts, String reportUrl) {
    public Options {
      if (limit < 2_000) {
        throw new IllegalArgumentException("Markdown part limit " + limit + " is too small (at least 2000)");
      }
      if (maxParts < 1) {
        throw new IllegalArgumentException("Markdown parts at most must be at least 1, got " + maxParts);
      }
    }

    public static Options defaults() {
      return new Options(GITHUB_LIMIT, DEFAULT_MAX_PARTS, null);
    }

    public Options withLimit(int value) {
      return new Options(value, maxParts, reportUrl);
    }

    public Options withMaxParts(int value) {
      return new Options(limit, value, reportUrl);
    }

    public Options withReportUrl(String value) {
      return new Options(limit, maxParts, value);
    }
  }

  private MarkdownView() {}

  /** All parts with the default options, concatenated (what {@code foresight diff --format markdown} prints). */
  public static String render(Report report) {
    return String.join("", parts(report, Options.defaults()));
  }

  /** All parts, concatenated. */
  public static String render(Report report, Options options) {
    return String.join("", parts(report, options));
  }

  /** The comment bodies, in order; each starts with {@link #marker(Report, int, int)} and a newline. */
  public static List<String> parts(Report report, Options options) {
    Packer packer = new Packer(options, marker(report, 99_999, 99_999).length() + 1,
        "### Foresight: " + title(report.getChange()) + " (continued)\n\n");
    build(report, packer);
    List<String> bodies = packer.finish();
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < bodies.size(); i++) {
      parts.add(marker(report, i + 1, bodies.size()) + "\n" + bodies.get(i));
    }
    return parts;
  }

  /**
   * {@code <!-- foresight:part N/M <repo>#<target> -->}: sinks find their earlier comments of the
   * same report target by it and update them in place ({@code --} is written {@code -\-}).
   */
  public static String marker(Report report, int part, int parts) {
    return "<!-- foresight:part " + part + "/" + parts + " "
        + ChangeIds.reportKey(report.getChange()).replace("--", "-\\-") + " -->";
  }

  static String title(ChangeRequested change) {
    return code(change.getRepo()) + " " + Labels.kind(change) + " "
        + (Labels.ref(change).isEmpty() ? "" : code(change.getRef()) + " ") + code(ReportTotals.range(change));
  }

  private static void build(Report report, Packer out) {
    out.text("### Foresight: " + title(report.getChange()) + "\n\n");
    if (report.getError() != null) {
      out.fenced(null, "**Error:** the change could not be planned.\n\n", "text", report.getError(), 0);
      changelog(report, out);
      return;
    }
    if (!report.getMissing().isEmpty()) {
      StringBuilder note = new StringBuilder("> **Partial report:** no render result arrived for ");
      for (int i = 0; i < report.getMissing().size(); i++) {
        note.append(i == 0 ? "" : ", ").append(code(report.getMissing().get(i)));
      }
      out.text(note.append(".\n\n").toString());
    }
    ReportTotals totals = ReportTotals.of(report);
    if (totals.noChanges()) {
      out.text("No changes (" + ReportTotals.plural(totals.kustomizations(), "kustomization") + " in "
          + ReportTotals.plural(totals.profiles(), "profile") + ").\n\n");
      changelog(report, out);
      return;
    }
    out.text(totals.changed() + "/" + totals.kustomizations() + " kustomizations changed, +"
        + totals.linesAdded() + " -" + totals.linesRemoved() + " lines, "
        + ReportTotals.plural(totals.errors(), "error") + ".\n\n");
    table(report, out);
    if (Labels.changelogFirst(report)) {
      changelog(report, out);
      errors(report, out);
    } else {
      errors(report, out);
      changelog(report, out);
    }
    diffs(report, out);
  }

  private static void table(Report report, Packer out) {
    out.text("| Profile | Flux Kustomizations (changed / errors / skipped of all) | Objects (+ - ~) | Lines (+ -) |\n"
        + "| --- | --- | --- | --- |\n");
    for (ProfileReport profile : report.getProfiles()) {
      ProfileTotals t = ProfileTotals.of(profile);
      out.text("| " + cell(t.profile()) + " | " + t.changed() + " / " + (t.errors() == 0 ? "0" : "**" + t.errors() + "**")
          + " / " + t.skipped() + " of " + t.kustomizations() + " | +" + t.objectsAdded() + " -" + t.objectsRemoved()
          + " ~" + t.objectsChanged() + " | +" + t.linesAdded() + " -" + t.linesRemoved() + " |\n");
    }
    out.text("\n");
  }

  private static void errors(Report report, Packer out) {
    for (ProfileReport profile : report.getProfiles()) {
      for (KustomizationReport ks : profile.getKustomizations()) {
        String pair = profile.getName() + "/" + ks.getName();
        if (ks.getStatus() == KustomizationStatus.ERROR) {
          out.fenced(null, "**Error** in " + code(pair) + ":\n\n", "text", ks.getError() == null ? "" : ks.getError(), 0);
        }
        for (String warning : ks.getWarnings()) {
          out.text("**Warning** in " + code(pair) + ": " + Labels.html(warning) + "\n\n");
        }
      }
    }
  }

  private static void diffs(Report report, Packer out) {
    for (ProfileReport profile : report.getProfiles()) {
      for (KustomizationReport ks : profile.getKustomizations()) {
        if (!ReportTotals.changed(ks)) {
          continue;
        }
        String pair = profile.getName() + "/" + ks.getName();
        DiffStats s = ks.getStats();
        String summary = "<code>" + Labels.html(pair) + "</code> +" + s.getLinesAdded() + " -" + s.getLinesRemoved()
            + " (" + s.getObjectsAdded() + " added, " + s.getObjectsRemoved() + " removed, " + s.getObjectsChanged()
            + " changed)";
        Section section = new Section(pair, "<details><summary>" + summary + "</summary>\n\n",
            "<details><summary>" + summary + " (continued)</summary>\n\n", "</details>\n\n");
        for (ObjectDiff object : ks.getObjects()) {
          List<String> notes = Labels.notes(object, MarkdownView::code);
          String header = code(Labels.symbol(object) + " " + Labels.object(object))
              + (notes.isEmpty() ? "" : " — " + String.join("; ", notes));
          if (object.getDiff().isEmpty()) {
            out.object(section, pair, header + "\n\n");
          } else {
            out.fenced(section, header + "\n\n", "diff", object.getDiff(), 1);
          }
        }
      }
    }
  }

  private static void changelog(Report report, Packer out) {
    if (!Labels.hasChangelog(report)) {
      return;
    }
    Changelog changelog = report.getChangelog();
    out.text("#### Changelog\n\n");
    if (changelog.getError() != null) {
      out.text("Could not list the GitOps commits: " + Labels.html(changelog.getError()) + "\n\n");
    }
    if (!changelog.getCommits().isEmpty()) {
      out.text("**GitOps commits** (" + changelog.getCommits().size() + (changelog.getTruncated() ? ", list cut" : "")
          + "):\n\n");
      for (Commit commit : changelog.getCommits()) {
        out.text("- " + commit(commit) + "\n");
      }
      out.text("\n");
    }
    if (!changelog.getComponents().isEmpty()) {
      out.text("**Components** (" + changelog.getComponents().size() + "):\n\n");
      for (ComponentChange component : changelog.getComponents()) {
        StringBuilder line = new StringBuilder("- **").append(Labels.html(component.getName())).append("** ")
            .append(code(component.getImage())).append(' ').append(code(component.getFrom())).append(" → ")
            .append(code(component.getTo()));
        if (component.getUrl() != null) {
          line.append(" · [compare](").append(component.getUrl()).append(')');
        }
        if (!component.getPairs().isEmpty()) {
          List<String> pairs = component.getPairs();
          line.append(" · in ").append(String.join(", ", pairs.stream().limit(5).map(MarkdownView::code).toList()));
          if (pairs.size() > 5) {
            line.append(" and ").append(pairs.size() - 5).append(" more");
          }
        }
        out.text(line.append('\n').toString());
        if (component.getError() != null) {
          out.text("  - " + Labels.html(component.getError()) + "\n");
        }
        for (Commit commit : component.getCommits()) {
          out.text("  - " + commit(commit) + "\n");
        }
      }
      out.text("\n");
    }
  }

  private static String commit(Commit commit) {
    String sha = code(ReportTotals.shortSha(commit.getSha()));
    StringBuilder line = new StringBuilder(commit.getUrl() == null ? sha : "[" + sha + "](" + commit.getUrl() + ")");
    line.append(' ').append(Labels.html(commit.getSubject())).append(" — ").append(Labels.html(commit.getAuthor()));
    if (commit.getPr() != null) {
      String pull = Labels.pullUrl(commit.getUrl(), commit.getPr());
      line.append(" · ").append(pull == null ? "#" + commit.getPr() : "[#" + commit.getPr() + "](" + pull + ")");
    }
    for (Ticket ticket : commit.getTickets()) {
      line.append(" · ").append(ticket.getUrl() == null ? Labels.html(ticket.getKey())
          : "[" + Labels.html(ticket.getKey()) + "](" + ticket.getUrl() + ")");
    }
    return line.toString();
  }

  /** A fence longer than any backtick run inside the text. */
  static String fence(String text) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      run = text.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return "`".repeat(Math.max(3, longest + 1));
  }

  static String code(String text) {
    return "`" + text.replace("`", "'") + "`";
  }

  /** A table cell: HTML escaped (GitHub renders inline HTML in tables) and {@code |} escaped. */
  private static String cell(String text) {
    return Labels.html(text).replace("|", "\\|");
  }

  /** A {@code <details>} a part may close and the next reopen. */
  private record Section(String pair, String open, String reopen, String close) {}

  /** Fills parts chunk by chunk; never splits a chunk, cuts only diffs too large for a whole part. */
  private static final class Packer {
    private static final int NOTE_RESERVE = 400;

    private final Options options;
    private final int budget;
    private final String continuation;
    private final List<StringBuilder> parts = new ArrayList<>();
    private final Set<String> opened = new HashSet<>();
    private StringBuilder current;
    private Section open;
    private boolean full;
    private int omittedObjects;
    private final Set<String> omittedPairs = new LinkedHashSet<>();

    Packer(Options options, int markerReserve, String continuation) {
      this.options = options;
      this.budget = options.limit() - markerReserve - NOTE_RESERVE;
      this.continuation = continuation;
      this.current = new StringBuilder();
      parts.add(current);
    }

    void text(String text) {
      add(null, text, null, 0);
    }

    void object(Section section, String pair, String text) {
      add(section, text, null, 1);
    }

    /** {@code prefix}, then {@code body} fenced as {@code language}; cut when larger than a part. */
    void fenced(Section section, String prefix, String language, String body, int objects) {
      if (full) {
        omit(section, objects);
        return;
      }
      add(section, prefix, new Fenced(language, body), objects);
    }

    /** A fenced block, its fence and lines worked out once. */
    private static final class Fenced {
      private final String language;
      private final String fence;
      private final List<String> lines;
      private final String whole;

      Fenced(String language, String body) {
        this.language = language;
        this.fence = fence(body);
        this.lines = Labels.lines(body);
        this.whole = render(lines.size(), null);
      }

      String render(int shown, String note) {
        StringBuilder md = new StringBuilder(fence).append(language).append('\n');
        for (int i = 0; i < shown; i++) {
          md.append(lines.get(i)).append('\n');
        }
        md.append(fence).append("\n\n");
        if (note != null) {
          md.append(note).append("\n\n");
        }
        return md.toString();
      }
    }

    private void add(Section section, String prefix, Fenced fenced, int objects) {
      if (full) {
        omit(section, objects);
        return;
      }
      String text = prefix + (fenced == null ? "" : fenced.whole);
      if (current.length() + cost(section, text) > budget && current.length() > continuation.length()) {
        if (parts.size() >= options.maxParts()) {
          full = true;
          omit(section, objects);
          return;
        }
        newPart();
      }
      int room = budget - current.length() - cost(section, "");
      if (text.length() > room) {
        text = fenced == null ? cut(prefix, room) : prefix + fencedText(fenced, room - prefix.length());
      }
      if (section != open) {
        closeSection();
        if (section != null) {
          current.append(opened.contains(section.pair()) ? section.reopen() : section.open());
          opened.add(section.pair());
        }
        open = section;
      }
      current.append(text);
    }

    /** What appending costs: switching sections, the text, and the closing tag the part will need. */
    private int cost(Section section, String text) {
      int switching = section == open ? 0
          : (open == null ? 0 : open.close().length()) + (section == null ? 0 : section.reopen().length());
      return switching + text.length() + (section == null ? 0 : section.close().length());
    }

    private String fencedText(Fenced fenced, int room) {
      if (fenced.whole.length() <= room) {
        return fenced.whole;
      }
      List<String> lines = fenced.lines;
      String link = options.reportUrl() == null ? "the archive" : "the archive: " + options.reportUrl();
      String widestNote = "… " + lines.size() + " more lines — full diff in " + link;
      int fixed = fenced.render(0, widestNote).length();
      int shown = 0;
      int used = fixed;
      while (shown < lines.size() && used + lines.get(shown).length() + 1 <= room) {
        used += lines.get(shown).length() + 1;
        shown++;
      }
      return fenced.render(shown, "… " + (lines.size() - shown) + " more lines — full diff in " + link);
    }

    private static String cut(String text, int room) {
      if (text.length() <= room) {
        return text;
      }
      int end = Math.max(0, room - 3);
      int newline = text.lastIndexOf('\n', end);
      return text.substring(0, newline > 0 ? newline : end) + "…\n\n";
    }

    private void omit(Section section, int objects) {
      omittedObjects += objects;
      if (section != null && objects > 0) {
        omittedPairs.add(section.pair());
      }
    }

    private void closeSection() {
      if (open != null) {
        current.append(open.close());
        open = null;
      }
    }

    private void newPart() {
      closeSection();
      current = new StringBuilder(continuation);
      parts.add(current);
    }

    List<String> finish() {
      closeSection();
      if (omittedObjects > 0) {
        String link = options.reportUrl() == null ? "the archive" : "the archive: " + options.reportUrl();
        current.append("**Not shown:** ").append(omittedObjects).append(" more object")
            .append(omittedObjects == 1 ? "" : "s").append(" in ").append(omittedPairs.size())
            .append(" Flux Kustomization").append(omittedPairs.size() == 1 ? "" : "s").append(" (at most ")
            .append(options.maxParts()).append(" comment").append(options.maxParts() == 1 ? "" : "s")
            .append(") — full report in ").append(link).append("\n");
      }
      return parts.stream().map(StringBuilder::toString).toList();
    }
  }
}
