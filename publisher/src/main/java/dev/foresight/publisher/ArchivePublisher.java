package dev.foresight.publisher;

import dev.foresight.schema.Publication;
import dev.foresight.schema.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code <dir>/<repo-slug>/<changeId>.md} and {@code .json}, each atomically (temporary file
 * in the same directory, then rename). Publishing the same report again overwrites both files.
 */
public final class ArchivePublisher implements Publisher {

  private static final Logger log = LoggerFactory.getLogger(ArchivePublisher.class);

  private final Path dir;
  private final Clock clock;

  public ArchivePublisher(Path dir) {
    this(dir, Clock.systemUTC());
  }

  public ArchivePublisher(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
  }

  @Override
  public Publication publish(Report report) throws IOException {
    Path folder = dir.resolve(slug(report.getChange().getRepo()));
    Files.createDirectories(folder);
    Path markdown = folder.resolve(report.getChangeId() + ".md");
    writeAtomically(markdown, MarkdownView.render(report));
    writeAtomically(folder.resolve(report.getChangeId() + ".json"), JsonView.render(report));
    log.info("archived {}: {}", markdown, SummaryLine.of(report));
    return Publication.newBuilder().setChangeId(report.getChangeId()).setTarget(report.getTarget())
        .setSink("archive").setLocation(markdown.toString()).setUrl(markdown.toUri().toString())
        .setPublishedAt(clock.instant()).build();
  }

  /**
   * A file-name-safe form of a repository URL or path: scheme, user info and {@code .git} dropped,
   * every run of other characters than letters, digits, dot, underscore and dash turned into one
   * dash, lower case. {@code https://github.com/Org/infra.git} becomes {@code github.com-org-infra}.
   */
  public static String slug(String repo) {
    String s = repo.strip();
    int scheme = s.indexOf("://");
    if (scheme >= 0) {
      s = s.substring(scheme + 3);
    }
    int at = s.indexOf('@');
    if (at >= 0 && at < Math.max(s.indexOf('/'), s.indexOf(':'))) {
      s = s.substring(at + 1);
    }
    s = s.replaceAll("/+$", "").replaceAll("\\.git$", "");
    s = s.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[-.]+|-+$", "").toLowerCase(Locale.ROOT);
    return s.isEmpty() ? "repo" : s;
  }

  private static void writeAtomically(Path target, String content) throws IOException {
    Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
