package dev.foresight.publisher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.schema.Publication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchivePublisherTest {

  @TempDir Path dir;

  @Test
  void writesEveryViewPerChangeAndIsIdempotent() throws IOException {
    ArchivePublisher publisher = new ArchivePublisher(dir, Clock.fixed(Reports.T0, ZoneOffset.UTC));
    Publication first = publisher.publish(Reports.mixed());
    Publication second = publisher.publish(Reports.mixed());

    Path md = dir.resolve("github.com-acme-infra").resolve("0123456789abcdef.md");
    Path json = dir.resolve("github.com-acme-infra").resolve("0123456789abcdef.json");
    Path html = dir.resolve("github.com-acme-infra").resolve("0123456789abcdef.html");
    Path slack = dir.resolve("github.com-acme-infra").resolve("0123456789abcdef.slack.json");
    Views.Options options = Views.Options.defaults().withReportUrl(html.toUri().toString());
    assertEquals(Views.render(Reports.mixed(), Views.Format.MARKDOWN, options), Files.readString(md));
    assertTrue(Files.readString(md).startsWith("<!-- foresight:part 1/1 "));
    assertEquals(JsonView.render(Reports.mixed()), Files.readString(json));
    assertEquals(HtmlView.render(Reports.mixed()), Files.readString(html));
    assertEquals(SlackView.render(Reports.mixed(), html.toUri().toString()), Files.readString(slack));
    try (Stream<Path> files = Files.list(md.getParent())) {
      assertEquals(List.of(html, json, md, slack), files.sorted().toList(), "no temporary files left behind");
    }
    assertEquals(first, second);
    assertEquals("archive", first.getSink());
    assertEquals("pull/42", first.getTarget());
    assertEquals("0123456789abcdef", first.getChangeId());
    assertEquals(md.toString(), first.getLocation());
    assertEquals(md.toUri().toString(), first.getUrl());
    assertTrue(first.getUrl().startsWith("file:"));
    assertEquals(Reports.T0, first.getPublishedAt());
  }

  @Test
  void linksToTheServedArchiveWhenALinkBaseIsConfigured() throws IOException {
    ArchivePublisher publisher = new ArchivePublisher(dir, "https://foresight.example.com/archive/",
        Clock.fixed(Reports.T0, ZoneOffset.UTC));
    publisher.publish(Reports.mixed());
    String slack = Files.readString(dir.resolve("github.com-acme-infra").resolve("0123456789abcdef.slack.json"));
    assertTrue(slack.contains("<https://foresight.example.com/archive/github.com-acme-infra/0123456789abcdef.html|"),
        slack);
  }

  @Test
  void slugs() {
    assertEquals("github.com-acme-infra", ArchivePublisher.slug("https://github.com/Acme/infra.git"));
    assertEquals("github.com-acme-infra", ArchivePublisher.slug("git@github.com:Acme/infra.git"));
    assertEquals("tmp-my-repo", ArchivePublisher.slug("/tmp/my repo/"));
    assertEquals("repo", ArchivePublisher.slug("///"));
  }
}
