package dev.foresight.renderer.changelog;

import dev.foresight.schema.Commit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;

/** The commits of a range, like {@code git log from..to}: newest first, merges included, annotated. */
final class CommitLog {

  /** The listed commits; {@code truncated} when the range holds more than were listed. */
  record Range(List<Commit> commits, boolean truncated) {}

  private CommitLog() {}

  /**
   * Commits reachable from {@code to} and not from {@code from} (null: every commit of {@code to}),
   * at most {@code max}, each with subject, author, link, pull request and tickets.
   */
  static Range list(Repository repository, ObjectId from, ObjectId to, int max, String webUrl, TicketMatcher tickets)
      throws IOException {
    List<Commit> out = new ArrayList<>();
    boolean truncated = false;
    try (RevWalk walk = new RevWalk(repository)) {
      walk.sort(RevSort.COMMIT_TIME_DESC);
      walk.markStart(walk.parseCommit(to));
      if (from != null) {
        walk.markUninteresting(walk.parseCommit(from));
      }
      for (RevCommit commit : walk) {
        if (out.size() == max) {
          truncated = true;
          break;
        }
        String message = commit.getFullMessage();
        String subject = Subjects.subject(message);
        out.add(Commit.newBuilder().setSha(commit.getName()).setSubject(subject)
            .setAuthor(commit.getAuthorIdent().getName()).setUrl(WebUrls.commit(webUrl, commit.getName()))
            .setPr(Subjects.pullRequest(subject)).setTickets(tickets.tickets(message)).build());
      }
    }
    return new Range(out, truncated);
  }

  /** True when {@code ancestor} is reachable from {@code descendant} (equal commits included). */
  static boolean isAncestor(Repository repository, ObjectId ancestor, ObjectId descendant) throws IOException {
    try (RevWalk walk = new RevWalk(repository)) {
      return walk.isMergedInto(walk.parseCommit(ancestor), walk.parseCommit(descendant));
    }
  }
}
