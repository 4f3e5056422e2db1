/**
 * Affected-only planning, pure (no git, no Kafka): the static input closure of a kustomize build
 * ({@link dev.foresight.renderer.closure.ClosureCollector}), and the decision whether a profile x
 * Flux Kustomization pair can be affected by a change ({@link
 * dev.foresight.renderer.closure.AffectedPairs}). Conservative by construction: when in doubt, a
 * path is recorded and a pair is affected.
 */
package dev.foresight.renderer.closure;
