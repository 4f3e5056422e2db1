package dev.foresight.kustomize.patch;

import dev.foresight.kustomize.resource.ResId;
import dev.foresight.kustomize.resource.Resource;

/** kustomize's id comparisons: effective namespaces and original ids. */
final class Ids {

  static final String TOTALLY_NOT_A_NAMESPACE = "_non_namespaceable_";

  private Ids() {}

  static ResId orgId(Resource r) {
    return r.previousIds().isEmpty() ? r.id() : r.previousIds().get(0);
  }

  static String effectiveNamespace(ResId id) {
    if (OpenApiSession.current().isClusterScoped(id.apiVersion(), id.kind())) {
      return TOTALLY_NOT_A_NAMESPACE;
    }
    if (id.namespace().isEmpty() || id.namespace().equals("default")) {
      return "default";
    }
    return id.namespace();
  }

  /** kyaml {@code ResId.Equals}: same GVK and name, same effective namespace. */
  static boolean same(ResId a, ResId b) {
    return a.group().equals(b.group()) && a.version().equals(b.version()) && a.kind().equals(b.kind())
        && a.name().equals(b.name()) && effectiveNamespace(a).equals(effectiveNamespace(b));
  }

  /** As kustomize prints ids: {@code Kind.version.group/name.namespace} with [noNs]/[noGrp]. */
  static String print(ResId id) {
    return id.kind() + "." + (id.version().isEmpty() ? "[noVer]" : id.version()) + "."
        + (id.group().isEmpty() ? "[noGrp]" : id.group()) + "/" + id.name() + "."
        + (id.namespace().isEmpty() ? "[noNs]" : id.namespace());
  }
}
