package dev.foresight.renderer.flux;

import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.TreePath;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A GitRepository's tree as kustomize-controller receives it: source-controller's artifact, i.e.
 * the repository without what {@link SourceIgnore} excludes. Excluded files do not exist (a
 * generated kustomization does not list them, a kustomization.yaml that names one fails); a
 * directory exists when it is not excluded itself or still holds a kept file (re-included by a
 * {@code !} pattern). Pure and immutable: the repository tree is never written to.
 */
public final class SourceArtifactTree implements FileTree {

  private final FileTree repository;
  private final SourceIgnore ignore;
  private final String specIgnore;
  // what the rules say of each path asked (every read, listing and content id asks): the view is
  // immutable, so the answers are too
  private final Map<String, Boolean> keptFiles = new ConcurrentHashMap<>();
  private final Map<String, Boolean> keptDirs = new ConcurrentHashMap<>();

  private SourceArtifactTree(FileTree repository, SourceIgnore ignore, String specIgnore) {
    this.repository = repository;
    this.ignore = ignore;
    this.specIgnore = specIgnore;
  }

  /**
   * The artifact of {@code repository} (its {@code .sourceignore} files read now).
   *
   * @param specIgnore the GitRepository's {@code spec.ignore}, null when unset or unknown
   * @param specOrigin how to name {@code spec.ignore} in messages
   */
  public static SourceArtifactTree of(FileTree repository, String specIgnore, String specOrigin) throws IOException {
    FileTree base = repository instanceof SourceArtifactTree inner ? inner.repository : repository;
    return new SourceArtifactTree(base, SourceIgnore.load(base, specIgnore, specOrigin), specIgnore);
  }

  /** The whole repository tree below the artifact. */
  public FileTree repository() {
    return repository;
  }

  public SourceIgnore ignore() {
    return ignore;
  }

  /** The {@code spec.ignore} given (null when none): with the repository tree, it fixes this view. */
  public String specIgnore() {
    return specIgnore;
  }

  @Override
  public Optional<byte[]> read(String path) throws IOException {
    return kept(path, false) ? repository.read(path) : Optional.empty();
  }

  @Override
  public Optional<String> contentId(String path) throws IOException {
    return kept(path, false) ? repository.contentId(path) : Optional.empty();
  }

  @Override
  public boolean isFile(String path) throws IOException {
    return kept(path, false) && repository.isFile(path);
  }

  @Override
  public boolean isDirectory(String path) throws IOException {
    String dir = TreePath.normalize(path);
    return repository.isDirectory(dir) && visibleDirectory(dir);
  }

  @Override
  public List<String> list(String path) throws IOException {
    String dir = TreePath.normalize(path);
    if (!isDirectory(dir)) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (String name : repository.list(dir)) {
      String child = dir.isEmpty() ? name : dir + "/" + name;
      if (repository.isDirectory(child) ? visibleDirectory(child) : kept(child, false)) {
        names.add(name);
      }
    }
    return names;
  }

  @Override
  public String describe() {
    return repository.describe();
  }

  /**
   * Why {@code path}, which the repository has, is not in the artifact (e.g. {@code excluded by
   * 'secret.env' (line 2 of apps/.sourceignore)}), or null when it is in it or the repository does
   * not have it either.
   */
  public String whyExcluded(String path) throws IOException {
    String normal = TreePath.normalize(path);
    boolean dir = repository.isDirectory(normal);
    if (!dir && !repository.isFile(normal)) {
      return null;
    }
    if (dir ? visibleDirectory(normal) : kept(normal, false)) {
      return null;
    }
    IgnorePattern by = null;
    for (String p = normal; by == null && !p.isEmpty(); p = TreePath.parent(p)) {
      by = ignore.excludedBy(p, p.equals(normal) ? dir : true);
    }
    return by == null ? "excluded" : "excluded by " + by.describe();
  }

  /**
   * The {@code .sourceignore} files (present or not: one appearing is a change) that decide what
   * the artifact holds of {@code paths}: one in the directory of each path and of each of its
   * ancestors, and in each path that is a directory.
   */
  public Set<String> ignoreFiles(Set<String> paths) throws IOException {
    Set<String> files = new LinkedHashSet<>();
    for (String path : paths) {
      String normal;
      try {
        normal = TreePath.normalize(path);
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (!normal.isEmpty() && repository.isDirectory(normal)) {
        files.add(normal + "/" + SourceIgnore.FILE);
      }
      for (String p = normal; !p.isEmpty(); ) {
        p = TreePath.parent(p);
        files.add(p.isEmpty() ? SourceIgnore.FILE : p + "/" + SourceIgnore.FILE);
      }
      if (normal.isEmpty()) {
        files.add(SourceIgnore.FILE);
      }
    }
    return files;
  }

  private boolean kept(String path, boolean isDir) throws IOException {
    String normal = TreePath.normalize(path);
    Boolean known = (isDir ? keptDirs : keptFiles).get(normal);
    if (known == null) {
      known = ignore.excludedBy(normal, isDir) == null;
      (isDir ? keptDirs : keptFiles).put(normal, known);
    }
    return known;
  }

  /** Not excluded itself, or (with re-including patterns) holding a kept file or directory. */
  private boolean visibleDirectory(String dir) throws IOException {
    if (dir.isEmpty() || kept(dir, true)) {
      return true;
    }
    if (!ignore.reincludes()) {
      return false; // a pattern that excludes a directory excludes everything below it
    }
    for (String name : repository.list(dir)) {
      String child = dir + "/" + name;
      if (repository.isDirectory(child) ? visibleDirectory(child) : kept(child, false)) {
        return true;
      }
    }
    return false;
  }
}
