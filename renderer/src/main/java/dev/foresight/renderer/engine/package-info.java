/**
 * Engines that turn a kustomization directory of a {@link dev.foresight.kustomize.FileTree} into
 * multi-document YAML. {@link dev.foresight.renderer.engine.ExecEngine} runs the kustomize or
 * kubectl binary: the fallback and the oracle for the native engine.
 */
package dev.foresight.renderer.engine;
