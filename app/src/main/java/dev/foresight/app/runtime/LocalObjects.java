package dev.foresight.app.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The objects of a local clone that {@code foresight diff} needs, checked before any work: the
 * revisions resolve, and every tree and blob of both commits is there. What is missing is said as
 * "cannot read &lt;object&gt; of &lt;repo&gt;" with the fix that fits the clone: a shallow clone
 * (a {@code shallow} file in its git directory) lacks history, so more is fetched; a clone that
 * lacks an object of a commit it has is damaged.
 */
final class LocalObjects {

  private final Repository repository;
  private final Path root;

  LocalObjects(Repository repository, Path root) {
    this.repository = repository;
    this.root = root;
  }

  /** The commit {@code revision} names. */
  ObjectId commit(String revision) throws IOException {
    ObjectId id;
    try {
      id = repository.resolve(revision + "^{commit}");
    } catch (MissingObjectException e) {
      String missing = e.getObjectId().name();
      throw new IOException("cannot read commit " + missing + (missing.equals(revision) ? "" : " (" + revision + ")") + " of "
          + root + ": " + missingHistory(), e);
    }
    if (id == null) {
      if (shallow() && (revision.matches(".*[~^].*") || revision.matches("[0-9a-fA-F]{4,40}"))) {
        throw new IOException("cannot read " + revision + " of " + root + ": " + missingHistory());
      }
      throw new IOException("unknown revision " + revision + " in " + root + " (try a branch, a tag, a sha or an"
          + " expression like master~1; git branch -a lists the branches; a branch only on the remote needs"
          + " git fetch origin " + revision + ")");
    }
    return id;
  }

  /**
   * Checks that every tree and blob of {@code commit} ({@code revision} as the user wrote it) is
   * in the clone (submodule commits are not: they live in other repositories).
   */
  void checkComplete(ObjectId commit, String revision) throws IOException {
    try (RevWalk walk = new RevWalk(repository); ObjectReader reader = repository.newObjectReader()) {
      RevCommit parsed = walk.parseCommit(commit);
      try (TreeWalk tree = new TreeWalk(repository, reader)) {
        tree.addTree(parsed.getTree());
        tree.setRecursive(true);
        while (nextOrFail(tree, revision)) {
          ObjectId id = tree.getObjectId(0);
          if (tree.getFileMode(0) != FileMode.GITLINK && !reader.has(id)) {
            throw new IOException("cannot read blob " + id.name() + " (" + tree.getPathString() + " at " + revision
                + ") of " + root + ": " + damaged());
          }
        }
      }
    } catch (MissingObjectException e) {
      throw new IOException("cannot read " + e.getMessage().replaceFirst("^Missing ", "") + " (at " + revision
          + ") of " + root + ": " + (shallow() ? missingHistory() : damaged()), e);
    }
  }

  private boolean nextOrFail(TreeWalk tree, String revision) throws IOException {
    try {
      return tree.next();
    } catch (MissingObjectException e) {
      throw new IOException("cannot read tree " + e.getObjectId().name() + " (under " + tree.getPathString()
          + " at " + revision + ") of " + root + ": " + damaged(), e);
    }
  }

  private String missingHistory() throws IOException {
    if (!shallow()) {
      return "the clone does not have it; fetch it (git fetch origin, or git fetch origin <sha>) or check the"
          + " revision";
    }
    Set<ObjectId> cut = repository.getObjectDatabase().getShallowCommits();
    return "the clone is shallow (" + repository.getDirectory().toPath().resolve("shallow") + "; its history stops at "
        + cut.stream().map(id -> id.abbreviate(7).name()).sorted().collect(Collectors.joining(", "))
        + "); fetch more history: git fetch --deepen N, or all of it: git fetch --unshallow (in GitHub Actions:"
        + " actions/checkout with fetch-depth: 0)";
  }

  private String damaged() {
    if (repository.getConfig().getString("extensions", null, "partialclone") != null) {
      return "the clone is partial (cloned with --filter), its blobs come on demand, which Foresight (JGit) does not"
          + " do; clone without --filter (in GitHub Actions: actions/checkout without filter:)";
    }
    return "the object is missing from " + repository.getDirectory() + " (a damaged clone: git fsck --full lists"
        + " what is broken); fetch it again (git fetch --refetch origin) or clone again";
  }

  private boolean shallow() {
    return Files.exists(repository.getDirectory().toPath().resolve("shallow"));
  }
}
