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
  void writesMarkdownAndJsonPerChangeAndIsIdempotent() throws IOException {
    ArchivePublisher publisher = new ArchivePublisher(dir, Clock.fixed(Reports.T0, ZoneOffset.UTC));
    Publication first = publisher.publish(Reports.mixed());
    Publication second = publisher.publish(Reports.mixed());

    Path md = dir.resolve("github.com-acme-infra").resolve("0123456789abcdef.md");
    Path json = dir.resolve("github.com-acme-infra").resolve("0123456789abcdef.json");
    assertEquals(MarkdownView.render(Reports.mixed()), Files.readString(md));
    assertEquals(JsonView.render(Reports.mixed()), Files.readString(json));
    try (Stream<Path> files = Files.list(md.getParent())) {
      assertEquals(List.of(json, md), files.sorted().toList(), "no temporary files left behind");
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
  void slugs() {
    assertEquals("github.com-acme-infra", ArchivePublisher.slug("https://github.com/Acme/infra.git"));
    assertEquals("github.com-acme-infra", ArchivePublisher.slug("git@github.com:Acme/infra.git"));
    assertEquals("tmp-my-repo", ArchivePublisher.slug("/tmp/my repo/"));
    assertEquals("repo", ArchivePublisher.slug("///"));
  }
}
