package dev.foresight.app.runtime;

import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.ChangeKind;
import dev.foresight.schema.ChangeRequested;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Turns revision expressions ({@code master~3}, {@code staging}, a short sha) into commit ids. */
public final class Revisions {

  private Revisions() {}

  public static String resolve(Path repoDir, String revision) throws IOException {
    if (revision.equals(ChangeIds.ZERO_SHA)) {
      return revision;
    }
    try (Repository repository = open(repoDir)) {
      return new LocalObjects(repository, repositoryRoot(repoDir)).commit(revision).name();
    }
  }

  /** A change from revision {@code base} to {@code head} of the repository at {@code root}, as the CLI asks. */
  public static ChangeRequested localChange(Path root, String base, String head) throws IOException {
    return localChange(root, base, head, null);
  }

  /**
   * Like {@link #localChange(Path, String, String)} with the ref that moves: {@code ref} when given
   * (a branch name or full ref), else the one {@link ChangeIdentity} finds (none for shas and
   * expressions). The planner decides from git facts whether the move is a promotion (e.g.
   * {@code staging master}: staging fast-forwarded to master's commits).
   */
  public static ChangeRequested localChange(Path root, String base, String head, String ref) throws IOException {
    return localChange(root, base, head, ref, null);
  }

  /**
   * The change {@code foresight diff} renders: {@code base..head} of the repository at {@code root},
   * named as {@link ChangeIdentity} says; with {@code pullRequest} (or {@code ref}
   * {@code refs/pull/N/merge}) a pull request, identified as ingest identifies GitHub's.
   */
  public static ChangeRequested localChange(Path root, String base, String head, String ref, Integer pullRequest)
      throws IOException {
    String baseSha = resolve(root, base);
    String headSha = resolve(root, head);
    ChangeIdentity identity;
    try (Repository repository = open(root)) {
      LocalObjects objects = new LocalObjects(repository, root);
      for (String[] side : new String[][] {{baseSha, base}, {headSha, head}}) {
        if (!side[0].equals(ChangeIds.ZERO_SHA)) {
          objects.checkComplete(ObjectId.fromString(side[0]), side[1]);
        }
      }
      identity = ChangeIdentity.of(repository, base, head, ref, pullRequest);
    }
    String repo = root.toString();
    return ChangeRequested.newBuilder()
        .setChangeId(ChangeIds.of(repo, identity.ref(), identity.pullRequest(), baseSha, headSha)).setRepo(repo)
        .setKind(identity.kind()).setRef(identity.ref()).setBase(baseSha).setHead(headSha).setSource("cli")
        .setPullRequest(identity.pullRequest()).setRequestedAt(Instant.now()).build();
  }

  private static Repository open(Path root) throws IOException {
    FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(root.toFile());
    if (builder.getGitDir() == null) {
      throw notARepository(root);
    }
    return builder.build();
  }

  /**
   * {@code BASE..HEAD} split in its two revisions; {@code what} (an option or parameter name) says
   * in the error which argument is wrong.
   */
  public static String[] splitRange(String range, String what) {
    String[] ends = range.split("\\.\\.", 2);
    if (ends.length != 2 || ends[0].isBlank() || ends[1].isBlank()) {
      throw new IllegalArgumentException(what + " wants BASE..HEAD (e.g. master~1..master), got '" + range + "'");
    }
    return ends;
  }

  /** The directory git would clone from: the work tree's top, or the bare repository itself. */
  public static Path repositoryRoot(Path repoDir) throws IOException {
    FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(repoDir.toFile());
    if (builder.getGitDir() == null) {
      throw notARepository(repoDir);
    }
    try (Repository repository = builder.build()) {
      return (repository.isBare() ? repository.getDirectory() : repository.getWorkTree()).toPath()
          .toAbsolutePath().normalize();
    }
  }

  private static IOException notARepository(Path dir) {
    return new IOException(dir.toAbsolutePath().normalize() + " is not a git repository nor inside one (no .git there"
        + " or above); give --repo the directory of a clone of the GitOps repository (git clone URL)");
  }
}
