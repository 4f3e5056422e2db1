package dev.foresight.differ.manifest;

/**
 * Identity of a Kubernetes object across two renders: API group (not version, so a version bump
 * is a change of the same object), kind, namespace (empty when cluster-scoped) and name.
 */
public record ObjectKey(String group, String kind, String namespace, String name) {

  public static ObjectKey of(String apiVersion, String kind, String namespace, String name) {
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    return new ObjectKey(group, kind, namespace == null ? "" : namespace, name);
  }

  /** {@code Kind/namespace/name}, or {@code Kind/name} when cluster-scoped; used in diff file names. */
  public String path() {
    return namespace.isEmpty() ? kind + "/" + name : kind + "/" + namespace + "/" + name;
  }
}
