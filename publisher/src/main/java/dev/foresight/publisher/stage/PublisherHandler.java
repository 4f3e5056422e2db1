package dev.foresight.publisher.stage;

import dev.foresight.publisher.Publisher;
import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.Publication;
import dev.foresight.schema.Report;
import dev.foresight.schema.Topics;
import dev.foresight.stage.Emitter;
import dev.foresight.stage.Handler;
import java.util.Objects;
import org.slf4j.MDC;

/**
 * Publishes each report and records where: {@link Topics#PUBLICATIONS} keyed by the report's
 * target key {@code repo#target} (= {@link ChangeIds#reportKey}), the same key as the report.
 * A tombstone (null report) is ignored.
 */
public final class PublisherHandler implements Handler<Report> {

  private final Publisher publisher;

  public PublisherHandler(Publisher publisher) {
    this.publisher = Objects.requireNonNull(publisher, "publisher");
  }

  @Override
  public void handle(String key, Report report, Emitter out) throws Exception {
    if (report == null) {
      return;
    }
    // the archive's summary line and any error carry the change (logback pattern: change, repo)
    try (MDC.MDCCloseable change = MDC.putCloseable("change", report.getChangeId());
        MDC.MDCCloseable repo = MDC.putCloseable("repo", report.getChange().getRepo())) {
      Publication publication = publisher.publish(report);
      out.send(Topics.PUBLICATIONS, ChangeIds.reportKey(report.getChange()), publication);
    }
  }
}
