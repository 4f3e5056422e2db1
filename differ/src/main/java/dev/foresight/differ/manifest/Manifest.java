package dev.foresight.differ.manifest;

/**
 * One document of a rendered output: its identity as read from the YAML and its original text
 * (ending with a newline), which is what gets diffed.
 */
public record Manifest(String apiVersion, String kind, String namespace, String name, String text) {

  public ObjectKey key() {
    return ObjectKey.of(apiVersion, kind, namespace, name);
  }
}
