package dev.foresight.publisher;

import dev.foresight.schema.ChangeKind;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.Changelog;
import dev.foresight.schema.ObjectDiff;
import dev.foresight.schema.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Words and names every view uses the same way. */
public final class Labels {

  private static final Pattern COMMIT_URL = Pattern.compile("^(https?://.+)/commit/[0-9A-Fa-f]+/?$");

  private Labels() {}

  /** {@code +} added, {@code -} removed, {@code ~} changed, {@code >} moved. */
  public static String symbol(ObjectDiff object) {
    return switch (object.getChange()) {
      case ADDED -> "+";
      case REMOVED -> "-";
      case CHANGED -> "~";
      case MOVED -> ">";
    };
  }

  /** {@code apps/v1 Deployment demo/web} (no namespace part for cluster-scoped objects). */
  public static String object(ObjectDiff object) {
    return object.getApiVersion() + " " + object.getKind() + " "
        + (object.getNamespace() == null || object.getNamespace().isEmpty() ? "" : object.getNamespace() + "/")
        + object.getName();
  }

  /** Pairs a "same in" note names at most; the rest is counted (the JSON view keeps the full list). */
  public static final int SAME_IN_SHOWN = 3;

  /** {@link #notes(ObjectDiff, UnaryOperator)} with pairs written as they are. */
  public static List<String> notes(ObjectDiff object) {
    return notes(object, UnaryOperator.identity());
  }

  /**
   * What the reader must know besides the diff: {@code moved from X}, {@code moved to Y},
   * {@code same in a, b}, {@code same as X}; empty when nothing. Each {@code profile/ks} is written by
   * {@code pair}. A long "same in" list is capped: {@code same in 29 other pairs: a, b, c and 26 more}.
   */
  public static List<String> notes(ObjectDiff object, UnaryOperator<String> pair) {
    List<String> notes = new ArrayList<>();
    if (object.getMovedFrom() != null) {
      notes.add("moved from " + pair.apply(object.getMovedFrom()));
    }
    if (object.getMovedTo() != null) {
      notes.add("moved to " + pair.apply(object.getMovedTo()));
    }
    if (object.getSameAs() != null) {
      notes.add("same as " + pair.apply(object.getSameAs()));
    } else if (!object.getSameIn().isEmpty()) {
      notes.add(sameIn(object.getSameIn(), pair));
    }
    return notes;
  }

  private static String sameIn(List<String> pairs, UnaryOperator<String> pair) {
    if (pairs.size() <= SAME_IN_SHOWN + 1) {
      return "same in " + String.join(", ", pairs.stream().map(pair).toList());
    }
    return "same in " + pairs.size() + " other pairs: "
        + String.join(", ", pairs.subList(0, SAME_IN_SHOWN).stream().map(pair).toList())
        + " and " + (pairs.size() - SAME_IN_SHOWN) + " more";
  }

  /** {@code push}, {@code pull request #42}, {@code promotion}, {@code replay}. */
  public static String kind(ChangeRequested change) {
    return change.getKind() == ChangeKind.PULL_REQUEST && change.getPullRequest() != null
        ? "pull request #" + change.getPullRequest()
        : change.getKind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /**
   * The ref then the range ({@code refs/heads/main 1a2b3c4..5d6e7f8}); just the range when the
   * change names no ref (a local comparison of commits), so that no ref is invented.
   */
  public static String refAndRange(ChangeRequested change) {
    return ref(change).isEmpty() ? ReportTotals.range(change) : change.getRef() + " " + ReportTotals.range(change);
  }

  /** The change's ref, empty when it names none. */
  public static String ref(ChangeRequested change) {
    return change.getRef() == null ? "" : change.getRef();
  }

  /** True for promotions: their changelog comes first. */
  public static boolean changelogFirst(Report report) {
    return report.getChange().getKind() == ChangeKind.PROMOTION;
  }

  /** True when the report has a changelog with anything to show. */
  public static boolean hasChangelog(Report report) {
    Changelog c = report.getChangelog();
    return c != null && (!c.getCommits().isEmpty() || !c.getComponents().isEmpty() || c.getError() != null);
  }

  /** The pull-request page next to a commit page ({@code .../commit/<sha>} to {@code .../pull/<n>}), or null. */
  public static String pullUrl(String commitUrl, Integer pr) {
    if (commitUrl == null || pr == null) {
      return null;
    }
    Matcher m = COMMIT_URL.matcher(commitUrl);
    return m.matches() ? m.group(1) + "/pull/" + pr : null;
  }

  /** The last path segment of a repository URL or path, without {@code .git}. */
  public static String repoName(String repo) {
    String s = repo.replaceAll("/+$", "").replaceAll("\\.git$", "");
    int slash = Math.max(s.lastIndexOf('/'), s.lastIndexOf(':'));
    return slash >= 0 && slash < s.length() - 1 ? s.substring(slash + 1) : s;
  }

  /** Lines of a unified diff, without a trailing empty one. */
  public static List<String> lines(String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  static String html(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
