package dev.foresight.app.command;

import dev.foresight.publisher.JsonView;
import dev.foresight.publisher.MarkdownView;
import dev.foresight.publisher.TextView;
import dev.foresight.schema.Report;

/** The views {@code foresight diff --format} can print. */
public enum ReportFormat {
  TEXT, MARKDOWN, JSON;

  public String render(Report report, boolean colour) {
    return switch (this) {
      case TEXT -> TextView.render(report, colour);
      case MARKDOWN -> MarkdownView.render(report);
      case JSON -> JsonView.render(report);
    };
  }
}
