package dev.foresight.renderer.git;

import dev.foresight.schema.ChangeIds;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.diff.DiffConfig;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.api.errors.CanceledException;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The paths a change touches: every path added, modified (content or mode), deleted, or renamed
 * (old and new path) between two commits' trees, as repository-relative paths with {@code /}.
 * Sub-directories are recursed; only leaf entries (files, symlinks, submodules) are listed, never
 * a directory itself. {@link ChangeIds#ZERO_SHA} on either side is the empty tree, so a zero base
 * gives every path of head.
 */
public final class ChangedPaths {

  private ChangedPaths() {}

  /** The changed paths of {@code repo}'s mirror between {@code baseSha} and {@code headSha}. */
  public static Set<String> between(GitMirrors mirrors, String repo, String baseSha, String headSha)
      throws IOException {
    Repository repository = mirrors.open(repo);
    if (!ChangeIds.ZERO_SHA.equals(baseSha)) {
      mirrors.resolve(repo, baseSha);
    }
    if (!ChangeIds.ZERO_SHA.equals(headSha)) {
      mirrors.resolve(repo, headSha);
    }
    return between(repository, baseSha, headSha);
  }

  /**
   * The changed paths between two commits of {@code repository}, sorted, unmodifiable.
   *
   * @throws IOException when a commit is missing or not a commit
   */
  public static Set<String> between(Repository repository, String baseSha, String headSha) throws IOException {
    if (baseSha.equals(headSha)) {
      return Set.of();
    }
    try (ObjectReader reader = repository.newObjectReader(); TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(iterator(repository, reader, baseSha));
      walk.addTree(iterator(repository, reader, headSha));
      walk.setRecursive(true);
      List<DiffEntry> entries = DiffEntry.scan(walk);
      RenameDetector renames = new RenameDetector(reader, repository.getConfig().get(DiffConfig.KEY));
      renames.addAll(entries);
      TreeSet<String> paths = new TreeSet<>();
      List<DiffEntry> detected;
      try {
        detected = renames.compute(reader, NullProgressMonitor.INSTANCE);
      } catch (CanceledException e) {
        throw new IOException("rename detection was cancelled", e);
      }
      for (DiffEntry entry : detected) {
        add(paths, entry.getOldPath());
        add(paths, entry.getNewPath());
      }
      return Collections.unmodifiableSet(paths);
    }
  }

  private static void add(Set<String> paths, String path) {
    if (path != null && !DiffEntry.DEV_NULL.equals(path)) {
      paths.add(path);
    }
  }

  private static AbstractTreeIterator iterator(Repository repository, ObjectReader reader, String sha)
      throws IOException {
    if (ChangeIds.ZERO_SHA.equals(sha)) {
      return new EmptyTreeIterator();
    }
    ObjectId id;
    try {
      id = ObjectId.fromString(sha);
    } catch (IllegalArgumentException e) {
      throw new IOException("'" + sha + "' is not a full 40-hex commit id");
    }
    try (RevWalk revWalk = new RevWalk(reader)) {
      CanonicalTreeParser parser = new CanonicalTreeParser();
      parser.reset(reader, revWalk.parseCommit(id).getTree().getId());
      return parser;
    } catch (org.eclipse.jgit.errors.MissingObjectException e) {
      throw new IOException("commit " + GitMirrors.abbreviate(sha) + " not found in " + repository.getDirectory(), e);
    }
  }
}
