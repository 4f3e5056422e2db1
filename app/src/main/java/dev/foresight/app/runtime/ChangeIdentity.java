package dev.foresight.app.runtime;

import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.ChangeKind;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/**
 * What a local comparison is about, as a webhook would say it: the ref it moves (named only when a
 * revision is a real branch or tag of the repository, else empty: the report then names the commits),
 * and the pull request when there is one.
 *
 * <p>A pull request ({@code --pull-request N}, or {@code --ref refs/pull/N/merge} as a CI checkout
 * names it) gets the identity ingest gives a GitHub {@code pull_request} event: kind
 * {@code PULL_REQUEST}, its number, and the base branch as ref; its report key is
 * {@code <repo>#pull/N} whatever the commits, so a sink finds its comment again after every push.
 *
 * @param ref         full ref name ({@code refs/heads/main}, {@code refs/tags/v1}); empty when none
 * @param pullRequest the pull request number, or null
 * @param kind        {@code PULL_REQUEST} with a number, else {@code PUSH}
 */
public record ChangeIdentity(String ref, Integer pullRequest, ChangeKind kind) {

  private static final Pattern PULL_REF = Pattern.compile("refs/pull/(\\d+)/(?:merge|head)");
  private static final String HEADS = Constants.R_HEADS;
  private static final String REMOTES = Constants.R_REMOTES;

  /**
   * The identity of {@code base..head} in {@code repository}.
   *
   * @param refOption   {@code --ref}: a branch name or full ref, or {@code refs/pull/N/merge}; may be null
   * @param pullRequest {@code --pull-request}; may be null
   * @throws IllegalArgumentException when {@code --ref refs/pull/N/...} and {@code --pull-request} disagree
   */
  public static ChangeIdentity of(Repository repository, String base, String head, String refOption,
      Integer pullRequest) throws IOException {
    String explicit = refOption == null || refOption.isBlank() ? null : refOption.trim();
    Integer number = pullRequest;
    if (explicit != null) {
      Matcher pull = PULL_REF.matcher(explicit);
      if (pull.matches()) {
        int named = Integer.parseInt(pull.group(1));
        if (number != null && number != named) {
          throw new IllegalArgumentException("--ref " + explicit + " names pull request " + named
              + " but --pull-request says " + number + "; give one of them, or the same number");
        }
        number = named;
        explicit = null; // a pull request's ref is the branch it merges into
      }
    }
    if (number != null && number <= 0) {
      throw new IllegalArgumentException("--pull-request wants the pull request number (1 or more), got " + number);
    }
    String ref;
    if (explicit != null) {
      ref = declared(repository, explicit);
    } else if (number != null) {
      ref = branch(repository, base);
    } else {
      ref = moving(repository, base, head);
    }
    return new ChangeIdentity(ref, number, number != null ? ChangeKind.PULL_REQUEST : ChangeKind.PUSH);
  }

  /**
   * Without {@code --ref}: both revisions branches (a pull request from head into base) move the
   * base branch; else head's ref when it is a branch or a tag; else none.
   */
  private static String moving(Repository repository, String base, String head) throws IOException {
    String baseBranch = branch(repository, base);
    String headBranch = branch(repository, head);
    if (!baseBranch.isEmpty() && !headBranch.isEmpty() && !baseBranch.equals(headBranch)) {
      return baseBranch;
    }
    return headBranch.isEmpty() ? tag(repository, head) : headBranch;
  }

  /** An explicit {@code --ref}: the ref it resolves to, else the branch it declares ({@code refs/heads/<name>}). */
  private static String declared(Repository repository, String name) throws IOException {
    if (name.startsWith(Constants.R_REFS)) {
      return name;
    }
    String known = branch(repository, name);
    if (known.isEmpty()) {
      known = tag(repository, name);
    }
    return known.isEmpty() ? HEADS + name : known;
  }

  /**
   * The branch {@code revision} names: a local branch ({@code main}, {@code refs/heads/main},
   * {@code HEAD} when it is attached to one) or a remote-tracking branch ({@code origin/main}: the
   * remote's {@code refs/heads/main}); empty for anything else (a sha, {@code main~1}, a detached HEAD).
   */
  static String branch(Repository repository, String revision) throws IOException {
    Ref ref = named(repository, revision);
    if (ref == null) {
      return "";
    }
    String name = ref.getTarget().getName();
    if (name.startsWith(HEADS)) {
      return name;
    }
    if (name.startsWith(REMOTES)) {
      String rest = name.substring(REMOTES.length());
      int slash = rest.indexOf('/');
      return slash > 0 && !rest.endsWith("/" + Constants.HEAD) ? HEADS + rest.substring(slash + 1) : "";
    }
    return "";
  }

  private static String tag(Repository repository, String revision) throws IOException {
    Ref ref = named(repository, revision);
    return ref != null && ref.getTarget().getName().startsWith(Constants.R_TAGS) ? ref.getTarget().getName() : "";
  }

  /** The ref {@code revision} is exactly (git's lookup order), or null for expressions and shas. */
  private static Ref named(Repository repository, String revision) throws IOException {
    if (revision == null || revision.isBlank() || revision.equals(ChangeIds.ZERO_SHA)) {
      return null;
    }
    return repository.findRef(revision);
  }
}
