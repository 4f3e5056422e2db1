package dev.foresight.renderer.tree;

import dev.foresight.renderer.flux.Profile;
import java.util.List;
import java.util.Optional;

/**
 * Every Flux Kustomization of one profile at one commit, in walk order (breadth first, document
 * order within an output).
 *
 * @param profile the profile
 * @param entryError why the entry directory did not render (then there are no nodes), or null;
 *     messages (here and in nodes) do not name the commit: the same walk serves every commit with
 *     the same tree, so callers prefix the side (e.g. {@code head (3f2a1c0), })
 * @param nodes the Flux Kustomizations, each once
 */
public record ProfileTree(Profile profile, String entryError, List<TreeNode> nodes) {

  public ProfileTree {
    nodes = List.copyOf(nodes);
  }

  /** The node of Flux Kustomization {@code namespace/name}. */
  public Optional<TreeNode> find(String namespace, String name) {
    return nodes.stream().filter(n -> n.ks().name().equals(name) && n.ks().namespace().equals(namespace)).findFirst();
  }
}
