/**
 * The tree of Flux Kustomizations of one profile at one commit: the entry directory is rendered,
 * the Flux Kustomizations in its output are rendered with Flux semantics, those in their
 * (patched, substituted) output in turn, and so on ({@link dev.foresight.renderer.tree.ProfileTreeWalker}).
 */
package dev.foresight.renderer.tree;
