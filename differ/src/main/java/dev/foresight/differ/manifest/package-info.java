/** Rendered manifests: multi-document YAML split into objects identified by group, kind, namespace and name. */
package dev.foresight.differ.manifest;
