package dev.foresight.publisher.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.foresight.publisher.Reports;
import dev.foresight.schema.Publication;
import dev.foresight.schema.Topics;
import dev.foresight.stage.Emitter;
import dev.foresight.schema.Topic;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class PublisherHandlerTest {

  record Sent(String topic, String key, Object value) {}

  @Test
  void publishesAndRecordsThePublicationUnderTheReportKey() throws Exception {
    List<Sent> sent = new ArrayList<>();
    Emitter out = new Emitter() {
      @Override
      public <V extends SpecificRecord> void send(Topic<V> topic, String key, V value) {
        sent.add(new Sent(topic.name(), key, value));
      }
    };
    Publication publication = new Publication("0123456789abcdef", "pull/42", "test", "here", null, Reports.T0);
    List<String> published = new ArrayList<>();
    List<String> mdc = new ArrayList<>();
    PublisherHandler handler = new PublisherHandler(report -> {
      published.add(report.getChangeId());
      mdc.add(MDC.get("change") + " " + MDC.get("repo"));
      return publication;
    });

    handler.handle("https://github.com/Acme/infra.git#pull/42", Reports.mixed(), out);
    handler.handle("https://github.com/Acme/infra.git#pull/42", null, out);

    assertEquals(List.of("0123456789abcdef"), published);
    assertEquals(List.of("0123456789abcdef https://github.com/Acme/infra.git"), mdc, "log lines name change and repo");
    assertNull(MDC.get("change"), "MDC cleared after the record");
    assertEquals(List.of(new Sent(Topics.PUBLICATIONS.name(), "https://github.com/Acme/infra.git#pull/42",
        publication)), sent);
  }
}
