package dev.foresight.publisher;

import dev.foresight.schema.Report;
import java.util.List;
import java.util.Locale;

/**
 * One report model, every view: the front door for {@code foresight diff --format}, the archive
 * and {@code foresight bench report}.
 */
public final class Views {

  /** The views, as {@code --format} names them (lower case). */
  public enum Format {
    TEXT, MARKDOWN, JSON, HTML, SLACK;

    /** {@code text}, {@code markdown}, {@code json}, {@code html} or {@code slack}; case-insensitive. */
    public static Format parse(String name) {
      try {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown report format '" + name + "': use text, markdown, json, html or slack");
      }
    }
  }

  /**
   * @param colour           ANSI colours in the text view
   * @param reportUrl        link to the full report (the archive's HTML), for Markdown truncation notes and Slack; may be null
   * @param markdownLimit    characters per Markdown part ({@link MarkdownView#GITHUB_LIMIT} by default)
   * @param markdownMaxParts Markdown parts at most ({@link MarkdownView#DEFAULT_MAX_PARTS} by default)
   */
  public record Options(boolean colour, String reportUrl, int markdownLimit, int markdownMaxParts) {

    public static Options defaults() {
      return new Options(false, null, MarkdownView.GITHUB_LIMIT, MarkdownView.DEFAULT_MAX_PARTS);
    }

    public Options withColour(boolean value) {
      return new Options(value, reportUrl, markdownLimit, markdownMaxParts);
    }

    public Options withReportUrl(String value) {
      return new Options(colour, value, markdownLimit, markdownMaxParts);
    }

    public Options withMarkdownLimit(int value) {
      return new Options(colour, reportUrl, value, markdownMaxParts);
    }

    public Options withMarkdownMaxParts(int value) {
      return new Options(colour, reportUrl, markdownLimit, value);
    }

    public MarkdownView.Options markdown() {
      return new MarkdownView.Options(markdownLimit, markdownMaxParts, reportUrl);
    }
  }

  /** Every view of one report. */
  public record All(String text, List<String> markdown, String json, String html, String slack) {

    /** Every output, for scanning: text, each Markdown part, JSON, HTML, Slack. */
    public List<String> outputs() {
      List<String> all = new java.util.ArrayList<>();
      all.add(text);
      all.addAll(markdown);
      all.add(json);
      all.add(html);
      all.add(slack);
      return all;
    }
  }

  private Views() {}

  public static String render(Report report, Format format, Options options) {
    return switch (format) {
      case TEXT -> TextView.render(report, options.colour());
      case MARKDOWN -> String.join("", MarkdownView.parts(report, options.markdown()));
      case JSON -> JsonView.render(report);
      case HTML -> HtmlView.render(report);
      case SLACK -> SlackView.render(report, options.reportUrl());
    };
  }

  public static All all(Report report, Options options) {
    return new All(TextView.render(report, options.colour()), MarkdownView.parts(report, options.markdown()),
        JsonView.render(report), HtmlView.render(report), SlackView.render(report, options.reportUrl()));
  }
}
