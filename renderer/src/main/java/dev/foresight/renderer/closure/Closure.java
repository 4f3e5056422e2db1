package dev.foresight.renderer.closure;

import dev.foresight.kustomize.TreePath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything a {@code kustomize build} of one directory reads from its tree, found statically. All
 * sets are sorted and unmodifiable.
 *
 * @param files files read, and paths probed that did not exist (their appearance is a change)
 * @param trees directories whose whole subtree is an input (Flux generates a kustomization from
 *     every YAML file below a directory that has none; helm chart homes)
 * @param directories kustomization directories reached; a file added or removed directly in one
 *     of them counts as a change
 * @param remote remote references (URLs, helm repositories): their content is not in the tree, so
 *     a pair with any is always affected
 * @param problems why the closure may be incomplete (missing or unparsable file, path escaping the
 *     root, ...); empty when complete. An incomplete closure makes its pair always affected.
 */
public record Closure(
    Set<String> files, Set<String> trees, Set<String> directories, Set<String> remote, List<String> problems) {

  public Closure {
    files = Collections.unmodifiableSortedSet(new TreeSet<>(files));
    trees = Collections.unmodifiableSortedSet(new TreeSet<>(trees));
    directories = Collections.unmodifiableSortedSet(new TreeSet<>(directories));
    remote = Collections.unmodifiableSortedSet(new TreeSet<>(remote));
    problems = List.copyOf(problems);
  }

  /** The closure of nothing. */
  public static Closure empty() {
    return new Closure(Set.of(), Set.of(), Set.of(), Set.of(), List.of());
  }

  /** True when something could not be resolved; the pair must then always be rendered. */
  public boolean incomplete() {
    return !problems.isEmpty();
  }

  /** True when no static answer is possible: incomplete, or reads remote content. */
  public boolean alwaysAffected() {
    return incomplete() || !remote.isEmpty();
  }

  /**
   * True when one of {@code changedPaths} (repository-relative, as {@code ChangedPaths} gives
   * them) is a recorded file, lies below a recorded file or tree, or sits directly in a reached
   * kustomization directory. Does not look at {@link #alwaysAffected()}.
   */
  public boolean intersects(Set<String> changedPaths) {
    if (trees.contains("") && !changedPaths.isEmpty()) {
      return true;
    }
    for (String changed : changedPaths) {
      String path;
      try {
        path = TreePath.normalize(changed);
      } catch (IllegalArgumentException e) {
        return true;
      }
      if (files.contains(path) || directories.contains(TreePath.parent(path))) {
        return true;
      }
      for (String p = path; !p.isEmpty(); p = TreePath.parent(p)) {
        if (trees.contains(p) || files.contains(p)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The union of both closures (e.g. a pair's path plus its Flux components). */
  public Closure union(Closure other) {
    TreeSet<String> f = new TreeSet<>(files);
    f.addAll(other.files);
    TreeSet<String> t = new TreeSet<>(trees);
    t.addAll(other.trees);
    TreeSet<String> d = new TreeSet<>(directories);
    d.addAll(other.directories);
    TreeSet<String> r = new TreeSet<>(remote);
    r.addAll(other.remote);
    List<String> p = new ArrayList<>(problems);
    other.problems.stream().filter(x -> !p.contains(x)).forEach(p::add);
    return new Closure(f, t, d, r, p);
  }
}
