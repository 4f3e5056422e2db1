/** Multi-document YAML manifests as kustomize prints them: documents separated by a line {@code ---}. */
package dev.foresight.renderer.manifest;
