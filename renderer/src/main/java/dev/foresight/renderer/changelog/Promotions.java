package dev.foresight.renderer.changelog;

import dev.foresight.renderer.git.GitMirrors;
import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.ChangeKind;
import dev.foresight.schema.ChangeRequested;
import java.io.IOException;
import java.time.Duration;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * Whether a change promotes: a push to a promotion branch that fast-forwards it (base is an
 * ancestor of head) to a commit already on its upstream branch, or a pull request into a promotion
 * branch whose head is on that branch's upstream. Refines the kind ingest guessed from the branch
 * name; ids and keys of the change are kept.
 */
public final class Promotions {

  /** How long the upstream branch tip is trusted before a fetch. */
  static final Duration UPSTREAM_MAX_AGE = Duration.ofSeconds(60);

  private static final String HEADS = "refs/heads/";

  /**
   * The change with its refined kind, and why (null when nothing was decided: not a promotion
   * branch and not tagged as a promotion, or a replayed change).
   */
  public record Verdict(ChangeRequested change, String reason) {}

  private final GitMirrors mirrors;

  public Promotions(GitMirrors mirrors) {
    this.mirrors = mirrors;
  }

  /** Classifies {@code change}; never throws (what cannot be read leaves it a push, and says why). */
  public Verdict classify(ChangeRequested change, ChangelogSettings settings) {
    ChangeKind kind = change.getKind();
    if (kind == ChangeKind.REPLAY) {
      return new Verdict(change, null);
    }
    String branch = change.getRef().startsWith(HEADS) ? change.getRef().substring(HEADS.length()) : change.getRef();
    String upstream = settings.upstreamOf(branch);
    boolean pullRequest = kind == ChangeKind.PULL_REQUEST || change.getPullRequest() != null;
    if (upstream == null) {
      return kind == ChangeKind.PROMOTION
          ? verdict(change, ChangeKind.PUSH, "push: " + branch + " is not a promotion branch (promotions.branches: "
              + settings.promotionBranches() + ")")
          : new Verdict(change, null);
    }
    ChangeKind otherwise = pullRequest ? ChangeKind.PULL_REQUEST : ChangeKind.PUSH;
    String what = pullRequest ? "pull request #" + change.getPullRequest() + " into " + branch : "push to " + branch;
    if (ChangeIds.ZERO_SHA.equals(change.getBase())) {
      return verdict(change, otherwise, "not a promotion: " + what + " creates the branch");
    }
    String repo = change.getRepo();
    try {
      Repository repository = mirrors.open(repo);
      ObjectId base = mirrors.resolve(repo, change.getBase());
      ObjectId head = mirrors.resolve(repo, change.getHead());
      if (!CommitLog.isAncestor(repository, base, head)) {
        return verdict(change, otherwise, "not a promotion: " + what + " is not a fast-forward (base "
            + GitMirrors.abbreviate(change.getBase()) + " is not an ancestor of head " + GitMirrors.abbreviate(change.getHead())
            + ")");
      }
      String tip;
      try {
        tip = mirrors.tip(repo, HEADS + upstream, UPSTREAM_MAX_AGE);
      } catch (IOException e) {
        return verdict(change, otherwise, "not a promotion: upstream branch " + upstream + " of " + branch
            + " not found in " + repo + " (set promotions.upstream in foresight.yaml)");
      }
      if (!CommitLog.isAncestor(repository, head, ObjectId.fromString(tip))) {
        return verdict(change, otherwise, "not a promotion: head " + GitMirrors.abbreviate(change.getHead())
            + " of the " + what + " is not on " + upstream);
      }
      return verdict(change, ChangeKind.PROMOTION, "promotion: " + what + " fast-forwards "
          + GitMirrors.abbreviate(change.getBase()) + ".." + GitMirrors.abbreviate(change.getHead()) + " to a commit"
          + " already on " + upstream);
    } catch (IOException | RuntimeException e) {
      return verdict(change, otherwise, "not a promotion: cannot read " + repo + ": " + e.getMessage());
    }
  }

  private static Verdict verdict(ChangeRequested change, ChangeKind kind, String reason) {
    ChangeRequested out = change.getKind() == kind ? change : ChangeRequested.newBuilder(change).setKind(kind).build();
    return new Verdict(out, reason);
  }
}
