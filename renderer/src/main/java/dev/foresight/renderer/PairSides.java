package dev.foresight.renderer;

import dev.foresight.renderer.tree.TreeNode;

/**
 * One profile x Flux Kustomization pair at base and head: the inputs of a per-pair decision
 * ({@link PairDecider}). A side is null when the pair does not exist there.
 *
 * @param profile the profile name
 * @param namespace the Flux Kustomization's namespace ({@code ""} for a profile pair)
 * @param kustomization its name, or {@link Renderer#PROFILE_PAIR} for a profile whose entry does not render
 * @param base the node at base: final spec ({@link TreeNode#ks()}), path, source, output, warnings, error
 * @param head the node at head
 * @param profileError why the profile's entry does not render (head's, else base's), for a profile pair
 */
public record PairSides(String profile, String namespace, String kustomization, TreeNode base, TreeNode head,
    String profileError) {

  /** Sort and identity key: profile, name, namespace. */
  String key() {
    return profile + '\u0000' + kustomization + '\u0000' + namespace;
  }
}
