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
    FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(repoDir.toFile());
    if (builder.getGitDir() == null) {
      throw new IOException(repoDir.toAbsolutePath() + " is not inside a git repository; give --repo DIR");
    }
    try (Repository repository = builder.build()) {
      ObjectId id = repository.resolve(revision + "^{commit}");
      if (id == null) {
        throw new IOException("revision '" + revision + "' not found in " + repository.getDirectory()
            + " (try a branch, a tag, a sha or an expression like master~1)");
      }
      return id.name();
    }
  }

  /** A change from revision {@code base} to {@code head} of the repository at {@code root}, as the CLI asks. */
  public static ChangeRequested localChange(Path root, String base, String head) throws IOException {
    String baseSha = resolve(root, base);
    String headSha = resolve(root, head);
    String ref = head.startsWith("refs/") ? head : "refs/heads/" + head;
    return ChangeRequested.newBuilder()
        .setChangeId(ChangeIds.of(root.toString(), ref, baseSha, headSha)).setRepo(root.toString())
        .setKind(ChangeKind.PUSH).setRef(ref).setBase(baseSha).setHead(headSha).setSource("cli")
        .setRequestedAt(Instant.now()).build();
  }

  /** The directory git would clone from: the work tree's top, or the bare repository itself. */
  public static Path repositoryRoot(Path repoDir) throws IOException {
    FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(repoDir.toFile());
    if (builder.getGitDir() == null) {
      throw new IOException(repoDir.toAbsolutePath() + " is not inside a git repository; give --repo DIR");
    }
    try (Repository repository = builder.build()) {
      return (repository.isBare() ? repository.getDirectory() : repository.getWorkTree()).toPath()
          .toAbsolutePath().normalize();
    }
  }
}
