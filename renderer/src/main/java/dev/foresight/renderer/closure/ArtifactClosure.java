package dev.foresight.renderer.closure;

import dev.foresight.kustomize.TreePath;
import dev.foresight.renderer.flux.ArtifactTree;
import dev.foresight.renderer.flux.ArtifactTree.Origin;
import dev.foresight.renderer.flux.ArtifactTree.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The closure of a build over an {@link ArtifactTree}, in the paths of the artifact's sources (a
 * change to the repository is in repository paths). Conservative: every source path that can put
 * something at a recorded artifact path is recorded, whether it exists or not (its appearance is a
 * change); a recorded artifact tree at or above where an operation writes, or a recorded
 * directory above it, takes the whole selection of that operation.
 */
public final class ArtifactClosure {

  private ArtifactClosure() {}

  /**
   * {@code closure} (artifact paths) as source paths of {@code alias}'s source; problems and
   * remote references are kept.
   */
  public static Closure inSource(Closure closure, ArtifactTree artifact, String alias) {
    Set<String> files = new TreeSet<>();
    Set<String> trees = new TreeSet<>();
    Set<String> directories = new TreeSet<>();
    List<Rule> rules = artifact.rules().stream().filter(r -> r.alias().equals(alias)).toList();
    for (String file : closure.files()) {
      for (Rule rule : rules) {
        add(ArtifactTree.candidates(rule, file), files);
      }
    }
    for (String tree : closure.trees()) {
      for (Rule rule : rules) {
        if (atOrBelow(tree, rule.dest()) || rule.altDest() != null && atOrBelow(tree, rule.altDest())) {
          whole(rule, files, trees);
        } else {
          add(ArtifactTree.candidates(rule, tree), rule.kind() == ArtifactTree.Kind.FILE ? files : trees);
        }
      }
    }
    for (String dir : closure.directories()) {
      for (Rule rule : rules) {
        if (rule.kind() == ArtifactTree.Kind.FILE) {
          if (strictlyBelow(dir, rule.dest()) || strictlyBelow(dir, rule.altDest())) {
            files.add(rule.source());
          }
        } else if (strictlyBelow(dir, rule.dest())) {
          whole(rule, files, trees);
        } else {
          add(ArtifactTree.candidates(rule, dir), directories);
        }
      }
    }
    return new Closure(files, trees, directories, closure.remote(), new ArrayList<>(closure.problems()));
  }

  /** Everything one operation can copy. */
  private static void whole(Rule rule, Set<String> files, Set<String> trees) {
    if (rule.kind() == ArtifactTree.Kind.FILE) {
      files.add(rule.source());
    } else {
      trees.add(rule.source());
    }
  }

  private static void add(List<Origin> origins, Set<String> into) {
    for (Origin origin : origins) {
      try {
        into.add(TreePath.normalize(origin.path()));
      } catch (IllegalArgumentException e) {
        into.add(origin.path());
      }
    }
  }

  private static boolean atOrBelow(String dir, String path) {
    return path.equals(dir) || strictlyBelow(dir, path);
  }

  /** True when {@code path} lies strictly below directory {@code dir} ({@code ""} is the root). */
  private static boolean strictlyBelow(String dir, String path) {
    if (path == null || path.equals(dir)) {
      return false;
    }
    return dir.isEmpty() || path.startsWith(dir + "/");
  }
}
