/**
 * Flux semantics without I/O: profiles and {@code foresight.yaml}, Flux Kustomization objects found
 * in rendered output, what kustomize-controller does to the kustomization file before the build
 * ({@link dev.foresight.renderer.flux.KustomizationOverlay}, {@link
 * dev.foresight.renderer.flux.GeneratedKustomization}) and to the output after it ({@link
 * dev.foresight.renderer.flux.PostBuild}, {@link dev.foresight.renderer.flux.CommonMetadata}); the
 * files of an ArtifactGenerator's ExternalArtifact ({@link dev.foresight.renderer.flux.ArtifactCopy}).
 * No JGit, Kafka or process imports here.
 */
package dev.foresight.renderer.flux;
