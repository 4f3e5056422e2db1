package dev.foresight.kustomize.resource;

/**
 * What identifies a resource: API group, version, kind, namespace and name. The namespace is ""
 * for cluster-scoped resources and for namespaced ones without a namespace (kustomize's "default"
 * handling is the caller's business).
 */
public record ResId(String group, String version, String kind, String namespace, String name) {

  public ResId {
    group = group == null ? "" : group;
    version = version == null ? "" : version;
    kind = kind == null ? "" : kind;
    namespace = namespace == null ? "" : namespace;
    name = name == null ? "" : name;
  }

  /** From an apiVersion ({@code apps/v1} or {@code v1}). */
  public static ResId of(String apiVersion, String kind, String namespace, String name) {
    String group = "";
    String version = apiVersion == null ? "" : apiVersion;
    int slash = version.indexOf('/');
    if (slash >= 0) {
      group = version.substring(0, slash);
      version = version.substring(slash + 1);
    }
    return new ResId(group, version, kind, namespace, name);
  }

  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  public ResId withName(String newName) {
    return new ResId(group, version, kind, namespace, newName);
  }

  public ResId withNamespace(String newNamespace) {
    return new ResId(group, version, kind, newNamespace, name);
  }

  /** As kustomize prints ids in messages: {@code Kind.version.group/name.namespace}. */
  @Override
  public String toString() {
    return kind + "." + version + (group.isEmpty() ? "" : "." + group) + "/" + name
        + (namespace.isEmpty() ? "" : "." + namespace);
  }
}
