package dev.foresight.renderer.git;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The entries of git tree objects, read once per tree id and kept (LRU-bounded). Tree ids are
 * content addresses, so one index serves every commit of a repository: base and head share all
 * the directories a change did not touch. Thread-safe.
 */
public final class TreeIndex {

  /**
   * One entry of a tree: a file (regular or executable), a directory, or a symbolic link (its id
   * the blob holding the target).
   */
  public record Entry(ObjectId id, boolean directory, boolean link) {
    public Entry(ObjectId id, boolean directory) {
      this(id, directory, false);
    }
  }

  private final Repository repository;
  private final Map<ObjectId, Map<String, Entry>> trees;

  public TreeIndex(Repository repository, int maxTrees) {
    this.repository = repository;
    this.trees = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<ObjectId, Map<String, Entry>> eldest) {
        return size() > maxTrees;
      }
    });
  }

  /** The files, directories and symbolic links of tree {@code tree} by name (sorted); submodules left out. */
  public Map<String, Entry> entries(ObjectId tree) throws IOException {
    Map<String, Entry> known = trees.get(tree);
    if (known != null) {
      return known;
    }
    Map<String, Entry> entries = new TreeMap<>();
    try (ObjectReader reader = repository.newObjectReader(); TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(tree);
      walk.setRecursive(false);
      while (walk.next()) {
        FileMode mode = walk.getFileMode(0);
        if (mode == FileMode.TREE) {
          entries.put(walk.getNameString(), new Entry(walk.getObjectId(0), true));
        } else if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
          entries.put(walk.getNameString(), new Entry(walk.getObjectId(0), false));
        } else if (mode == FileMode.SYMLINK) {
          entries.put(walk.getNameString(), new Entry(walk.getObjectId(0), false, true));
        }
      }
    }
    Map<String, Entry> frozen = Collections.unmodifiableMap(entries);
    trees.put(tree, frozen);
    return frozen;
  }

  /** The entry at normalised {@code path} below {@code root} ("" is the root itself), or null. */
  public Entry find(ObjectId root, String path) throws IOException {
    if (root == null) {
      return null;
    }
    Entry at = new Entry(root, true);
    if (path.isEmpty()) {
      return at;
    }
    int start = 0;
    while (start <= path.length()) {
      if (!at.directory()) {
        return null;
      }
      int slash = path.indexOf('/', start);
      String name = slash < 0 ? path.substring(start) : path.substring(start, slash);
      at = entries(at.id()).get(name);
      if (at == null || slash < 0) {
        return at;
      }
      start = slash + 1;
    }
    return at;
  }

  Repository repository() {
    return repository;
  }
}
