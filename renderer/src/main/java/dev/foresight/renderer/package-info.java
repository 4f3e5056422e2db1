/**
 * Renders every profile x Flux Kustomization of a GitOps repository at the base and head commit of
 * a change. Front door: {@link dev.foresight.renderer.Renderer}.
 */
package dev.foresight.renderer;
