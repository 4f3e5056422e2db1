package dev.foresight.renderer.tree;

import dev.foresight.kustomize.FileTree;
import dev.foresight.renderer.flux.FluxKustomization;
import java.util.List;

/**
 * One Flux Kustomization of a profile tree, as rendered at one commit.
 *
 * @param ks the final spec: as found in the parent's patched and substituted output
 * @param parent the id ({@code namespace/name}) of the Flux Kustomization whose output declared it,
 *     or null when the profile's entry directory did
 * @param depth 1 for Kustomizations of the entry directory
 * @param path {@code spec.path} normalised (relative to its source root), or as written when invalid
 * @param source what was built, e.g. {@code this repository} or {@code GitRepository x (url@ref sha)}
 * @param output the rendered multi-document YAML, Secrets not yet masked (Secret-sourced variables
 *     are substituted as the walker's secretValue, mask tokens in the Renderer); never leaves the
 *     renderer before {@code SecretMasker},
 *     or null when not rendered (error, or a source that cannot be read)
 * @param warnings things the reader should know; never values
 * @param error why it did not render, or null
 * @param sourceTree the files {@code spec.path} is read from (this repository's tree at the side's
 *     commit, or another GitRepository's), null when the source could not be resolved
 * @param variablesDigest SHA-256 over the postBuild variables used (names and values), null when
 *     nothing was substituted: an input of affected-only decisions; never published
 * @param cached the build was answered by the render cache
 */
public record TreeNode(FluxKustomization ks, String parent, int depth, String path, String source, String output,
    List<String> warnings, String error, FileTree sourceTree, String variablesDigest, boolean cached) {

  public TreeNode {
    warnings = List.copyOf(warnings);
  }

  /** A node without output. */
  public static TreeNode failed(FluxKustomization ks, String parent, int depth, String path, String source,
      FileTree sourceTree, List<String> warnings, String error) {
    return new TreeNode(ks, parent, depth, path, source, null, warnings, error, sourceTree, null, false);
  }

  public String id() {
    return ks.id();
  }

  /** True when rendered (output present). */
  public boolean rendered() {
    return output != null;
  }
}
