/**
 * The kustomize engine's library: {@link dev.foresight.kustomize.FileTree} (what it reads). The
 * native engine (issue 5) lands here; this package imports no Kafka, JGit or HTTP.
 */
package dev.foresight.kustomize;
