package dev.foresight.app.command;

import dev.foresight.publisher.Views;
import dev.foresight.schema.Report;

/** The views {@code foresight diff --format} can print (see {@link Views.Format}). */
public enum ReportFormat {
  TEXT, MARKDOWN, JSON, HTML, SLACK;

  public Views.Format view() {
    return Views.Format.valueOf(name());
  }

  public String render(Report report, Views.Options options) {
    return Views.render(report, view(), options);
  }

  public String render(Report report, boolean colour) {
    return render(report, Views.Options.defaults().withColour(colour));
  }
}
