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
 * Writes every view of a report: {@code <dir>/<repo-slug>/<changeId>.md} (the Markdown parts in
 * order), {@code .json}, {@code .html} and {@code .slack.json}, each atomically (temporary file in
 * the same directory, then rename). Publishing the same report again overwrites the files. The
 * Markdown truncation notes and the Slack payload link to the HTML page: {@code
 * <linkBase>/<repo-slug>/<changeId>.html} when a link base is configured, its {@code file:} URI
 * otherwise.
 */
public final class ArchivePublisher implements Publisher {

  private static final Logger log = LoggerFactory.getLogger(ArchivePublisher.class);

  private final Path dir;
  private final String linkBase;
  private final Clock clock;

  public ArchivePublisher(Path dir) {
    this(dir, null, Clock.systemUTC());
  }

  public ArchivePublisher(Path dir, Clock clock) {
    this(dir, null, clock);
  }

  /** {@code linkBase}: where {@code dir} is served, e.g. {@code https://foresight.example.com/archive}; may be null. */
  public ArchivePublisher(Path dir, String linkBase, Clock clock) {
    this.dir = dir;
    this.linkBase = linkBase == null || linkBase.isBlank() ? null : linkBase.replaceAll("/+$", "");
    this.clock = clock;
  }

  @Override
  public Publication publish(Report report) throws IOException {
    Path folder = dir.resolve(slug(report.getChange().getRepo()));
    Files.createDirectories(folder);
    Path markdown = folder.resolve(report.getChangeId() + ".md");
    Path html = folder.resolve(report.getChangeId() + ".html");
    Views.All views = Views.all(report, Views.Options.defaults().withReportUrl(reportUrl(report, html)));
    writeAtomically(markdown, String.join("", views.markdown()));
    writeAtomically(folder.resolve(report.getChangeId() + ".json"), views.json());
    writeAtomically(html, views.html());
    writeAtomically(folder.resolve(report.getChangeId() + ".slack.json"), views.slack());
    log.info("archived {}: {}", markdown, SummaryLine.of(report));
    return Publication.newBuilder().setChangeId(report.getChangeId()).setTarget(report.getTarget())
        .setSink("archive").setLocation(markdown.toString()).setUrl(markdown.toUri().toString())
        .setPublishedAt(clock.instant()).build();
  }

  /** The link to the report's HTML page in this archive. */
  public String reportUrl(Report report, Path html) {
    return linkBase == null ? html.toUri().toString()
        : linkBase + "/" + slug(report.getChange().getRepo()) + "/" + report.getChangeId() + ".html";
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
