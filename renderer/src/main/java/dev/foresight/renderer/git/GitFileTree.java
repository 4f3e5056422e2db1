package dev.foresight.renderer.git;

import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.TreePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The files of one git tree, read without checkout. A new {@link ObjectReader} per call makes it
 * safe to share across threads. Symbolic links and submodules are not files of this tree.
 */
public final class GitFileTree implements FileTree {

  private final Repository repository;
  private final ObjectId tree;
  private final String description;

  /** {@code tree} null means the empty tree (the base of a newly created ref). */
  public GitFileTree(Repository repository, ObjectId tree, String description) {
    this.repository = repository;
    this.tree = tree;
    this.description = description;
  }

  /** The tree's object id, or {@code "empty"}; equal ids mean equal content. */
  public String treeId() {
    return tree == null ? "empty" : tree.name();
  }

  @Override
  public Optional<byte[]> read(String path) throws IOException {
    String p = TreePath.normalize(path);
    if (tree == null || p.isEmpty()) {
      return Optional.empty();
    }
    try (ObjectReader reader = repository.newObjectReader(); TreeWalk walk = TreeWalk.forPath(reader, p, tree)) {
      if (walk == null || !isFile(walk.getFileMode(0))) {
        return Optional.empty();
      }
      return Optional.of(reader.open(walk.getObjectId(0)).getBytes());
    }
  }

  /**
   * The git blob id (40 hex) of the regular file at {@code path}, or empty when there is no such
   * file; equal ids mean equal bytes. Reads no content.
   */
  public Optional<String> contentId(String path) throws IOException {
    String p = TreePath.normalize(path);
    if (tree == null || p.isEmpty()) {
      return Optional.empty();
    }
    try (ObjectReader reader = repository.newObjectReader(); TreeWalk walk = TreeWalk.forPath(reader, p, tree)) {
      if (walk == null || !isFile(walk.getFileMode(0))) {
        return Optional.empty();
      }
      return Optional.of(walk.getObjectId(0).name());
    }
  }

  @Override
  public boolean isDirectory(String path) throws IOException {
    String p = TreePath.normalize(path);
    if (p.isEmpty()) {
      return true;
    }
    return subtree(p) != null;
  }

  @Override
  public List<String> list(String path) throws IOException {
    String p = TreePath.normalize(path);
    ObjectId dir = p.isEmpty() ? tree : subtree(p);
    List<String> names = new ArrayList<>();
    if (dir == null) {
      return names;
    }
    try (ObjectReader reader = repository.newObjectReader(); TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(dir);
      walk.setRecursive(false);
      while (walk.next()) {
        FileMode mode = walk.getFileMode(0);
        if (mode == FileMode.TREE || isFile(mode)) {
          names.add(walk.getNameString());
        }
      }
    }
    names.sort(null);
    return names;
  }

  @Override
  public String describe() {
    return description;
  }

  /** Writes every file of the tree under existing directory {@code target}, in one walk. */
  public void materialise(Path target) throws IOException {
    if (tree == null) {
      return;
    }
    try (ObjectReader reader = repository.newObjectReader(); TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(tree);
      walk.setRecursive(true);
      while (walk.next()) {
        if (!isFile(walk.getFileMode(0))) {
          continue;
        }
        Path file = target.resolve(walk.getPathString());
        Files.createDirectories(file.getParent());
        try (var out = Files.newOutputStream(file)) {
          reader.open(walk.getObjectId(0)).copyTo(out);
        }
      }
    }
  }

  private ObjectId subtree(String path) throws IOException {
    if (tree == null) {
      return null;
    }
    try (ObjectReader reader = repository.newObjectReader(); TreeWalk walk = TreeWalk.forPath(reader, path, tree)) {
      return walk != null && walk.getFileMode(0) == FileMode.TREE ? walk.getObjectId(0) : null;
    }
  }

  private static boolean isFile(FileMode mode) {
    return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
  }
}
