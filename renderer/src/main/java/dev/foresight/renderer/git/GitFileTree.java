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
 * The files of one git tree, read without checkout. Directory lookups go through a
 * {@link TreeIndex} (shared by all trees of a mirror, so unchanged directories are read once for
 * base and head); a new {@link ObjectReader} per content read makes it safe to share across
 * threads. Submodules are not part of this tree, and neither are symbolic links, as in Flux
 * (source-controller archives regular files and directories only): a path through a link is an
 * error naming the link and its target, and saying so when it points out of the repository
 * (never read, whatever the load restrictor).
 */
public final class GitFileTree implements FileTree {

  private final Repository repository;
  private final TreeIndex index;
  private final ObjectId tree;
  private final String description;

  /** {@code tree} null means the empty tree (the base of a newly created ref). */
  public GitFileTree(Repository repository, ObjectId tree, String description) {
    this(new TreeIndex(repository, 4096), tree, description);
  }

  /** A tree read through {@code index} (its repository's shared index). */
  public GitFileTree(TreeIndex index, ObjectId tree, String description) {
    this.repository = index.repository();
    this.index = index;
    this.tree = tree;
    this.description = description;
  }

  /** The tree's object id, or {@code "empty"}; equal ids mean equal content. */
  public String treeId() {
    return tree == null ? "empty" : tree.name();
  }

  @Override
  public Optional<byte[]> read(String path) throws IOException {
    TreeIndex.Entry file = file(path);
    if (file == null) {
      return Optional.empty();
    }
    try (ObjectReader reader = repository.newObjectReader()) {
      return Optional.of(reader.open(file.id()).getBytes());
    }
  }

  /**
   * The git blob id (40 hex) of the regular file at {@code path}, or empty when there is no such
   * file; equal ids mean equal bytes. Reads no content.
   */
  public Optional<String> contentId(String path) throws IOException {
    TreeIndex.Entry file = file(path);
    return file == null ? Optional.empty() : Optional.of(file.id().name());
  }

  @Override
  public boolean isFile(String path) throws IOException {
    return file(path) != null;
  }

  @Override
  public boolean isDirectory(String path) throws IOException {
    String p = TreePath.normalize(path);
    if (p.isEmpty()) {
      return true;
    }
    TreeIndex.Entry entry = index.find(tree, p);
    if (entry == null || entry.link()) {
      refuseLink(p);
    }
    return entry != null && entry.directory();
  }

  @Override
  public List<String> list(String path) throws IOException {
    TreeIndex.Entry dir = index.find(tree, TreePath.normalize(path));
    if (dir == null || !dir.directory()) {
      return new ArrayList<>();
    }
    List<String> names = new ArrayList<>();
    index.entries(dir.id()).forEach((name, entry) -> {
      if (!entry.link()) {
        names.add(name);
      }
    });
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

  private TreeIndex.Entry file(String path) throws IOException {
    String p = TreePath.normalize(path);
    if (tree == null || p.isEmpty()) {
      return null;
    }
    TreeIndex.Entry entry = index.find(tree, p);
    if (entry == null || entry.link()) {
      refuseLink(p);
      return null;
    }
    return entry.directory() ? null : entry;
  }

  /**
   * Throws when a symbolic link is on normalised {@code path} (the first one): naming it, its
   * target, and whether it points out of the repository. Returns when there is none.
   */
  private void refuseLink(String path) throws IOException {
    if (tree == null) {
      return;
    }
    ObjectId dir = tree;
    String parent = "";
    for (String name : path.split("/")) {
      TreeIndex.Entry entry = index.entries(dir).get(name);
      String at = parent.isEmpty() ? name : parent + "/" + name;
      if (entry == null) {
        return;
      }
      if (entry.link()) {
        String target;
        try (ObjectReader reader = repository.newObjectReader()) {
          target = new String(reader.open(entry.id()).getBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String inTree = null;
        if (!target.startsWith("/")) {
          try {
            inTree = TreePath.resolve(parent, target);
          } catch (IllegalArgumentException climbsOut) {
            // out of the repository
          }
        }
        if (inTree == null) {
          throw new IOException("'" + at + "' is a symbolic link to '" + target + "', which points out of the"
              + " repository (" + description + "); Foresight never reads outside the repository: commit the file"
              + " itself");
        }
        throw new IOException("'" + at + "' is a symbolic link (to '" + target + "', i.e. '" + inTree + "'); Flux's"
            + " source-controller leaves symbolic links out of a GitRepository artifact, so kustomize-controller cannot"
            + " read it either: commit the file itself, or name '" + inTree + "'");
      }
      if (!entry.directory()) {
        return;
      }
      dir = entry.id();
      parent = at;
    }
  }

  private static boolean isFile(FileMode mode) {
    return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
  }
}
