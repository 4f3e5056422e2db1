/**
 * Flux semantics without I/O: profiles, Flux Kustomization objects found in rendered output, and
 * postBuild substitution. No JGit, Kafka or process imports here.
 */
package dev.foresight.renderer.flux;
