package dev.foresight.kustomize.transform;

import dev.foresight.kustomize.resource.ResId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Group, version and kind, as kustomize's field specs and selectors use them: an empty part
 * selects anything. Knows kustomize's list of certainly cluster-scoped kinds and its ordering of
 * field specs.
 */
public record Gvk(String group, String version, String kind) {

  public Gvk {
    group = group == null ? "" : group;
    version = version == null ? "" : version;
    kind = kind == null ? "" : kind;
  }

  public static Gvk of(ResId id) {
    return new Gvk(id.group(), id.version(), id.kind());
  }

  /** From an apiVersion ({@code apps/v1} or {@code v1}) and a kind. */
  public static Gvk fromApiVersion(String apiVersion, String kind) {
    ResId id = ResId.of(apiVersion, kind, "", "");
    return new Gvk(id.group(), id.version(), kind);
  }

  /** True when every non-empty part of {@code selector} equals this one's. */
  public boolean isSelectedBy(Gvk selector) {
    return (selector.group.isEmpty() || selector.group.equals(group))
        && (selector.version.isEmpty() || selector.version.equals(version))
        && (selector.kind.isEmpty() || selector.kind.equals(kind));
  }

  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** kustomize's known cluster-scoped types (kyaml's builtin schema, Kubernetes 1.21). */
  public boolean isClusterScoped() {
    return CLUSTER_SCOPED_KINDS.contains(kind) && CLUSTER_SCOPED.contains(apiVersion() + " " + kind);
  }

  public static boolean isClusterScoped(ResId id) {
    return CLUSTER_SCOPED_KINDS.contains(id.kind()) && of(id).isClusterScoped();
  }

  /** kustomize's namespace of an id for comparisons: "default" when unset, a marker when cluster-scoped. */
  public static String effectiveNamespace(ResId id) {
    if (isClusterScoped(id)) {
      return NOT_A_NAMESPACE;
    }
    return id.namespace().isEmpty() ? "default" : id.namespace();
  }

  static final String NOT_A_NAMESPACE = "_non_namespaceable_";

  /** kustomize's ordering of field specs (by kind priority, then group/version/kind text). */
  public int compareForSort(Gvk other) {
    int a = ORDER.getOrDefault(kind, 0);
    int b = ORDER.getOrDefault(other.kind, 0);
    if (a != b) {
      return Integer.compare(a, b);
    }
    return sortKey().compareTo(other.sortKey());
  }

  private String sortKey() {
    return (group.isEmpty() ? "~G" : group) + "_" + (version.isEmpty() ? "~V" : version) + "_"
        + (kind.isEmpty() ? "~K" : kind);
  }

  /** As kustomize prints a GVK: {@code Kind.version.group} with placeholders for empty parts. */
  @Override
  public String toString() {
    return (kind.isEmpty() ? "[noKind]" : kind) + "." + (version.isEmpty() ? "[noVer]" : version) + "."
        + (group.isEmpty() ? "[noGrp]" : group);
  }

  private static final List<String> ORDER_FIRST = List.of("Namespace", "ResourceQuota", "StorageClass",
      "CustomResourceDefinition", "ServiceAccount", "PodSecurityPolicy", "Role", "ClusterRole", "RoleBinding",
      "ClusterRoleBinding", "ConfigMap", "Secret", "Endpoints", "Service", "LimitRange", "PriorityClass",
      "PersistentVolume", "PersistentVolumeClaim", "Deployment", "StatefulSet", "CronJob", "PodDisruptionBudget");
  private static final List<String> ORDER_LAST = List.of("MutatingWebhookConfiguration",
      "ValidatingWebhookConfiguration");
  private static final Map<String, Integer> ORDER = buildOrder();

  private static Map<String, Integer> buildOrder() {
    Map<String, Integer> m = new java.util.HashMap<>();
    for (int i = 0; i < ORDER_FIRST.size(); i++) {
      m.put(ORDER_FIRST.get(i), -ORDER_FIRST.size() + i);
    }
    for (int i = 0; i < ORDER_LAST.size(); i++) {
      m.put(ORDER_LAST.get(i), 1 + i);
    }
    return m;
  }

  private static final Set<String> CLUSTER_SCOPED = Set.of(
      "admissionregistration.k8s.io/v1 MutatingWebhookConfiguration",
      "admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration",
      "admissionregistration.k8s.io/v1beta1 MutatingWebhookConfiguration",
      "admissionregistration.k8s.io/v1beta1 ValidatingWebhookConfiguration",
      "apiextensions.k8s.io/v1 CustomResourceDefinition",
      "apiextensions.k8s.io/v1beta1 CustomResourceDefinition",
      "apiregistration.k8s.io/v1 APIService",
      "apiregistration.k8s.io/v1beta1 APIService",
      "certificates.k8s.io/v1 CertificateSigningRequest",
      "certificates.k8s.io/v1beta1 CertificateSigningRequest",
      "flowcontrol.apiserver.k8s.io/v1beta1 FlowSchema",
      "flowcontrol.apiserver.k8s.io/v1beta1 PriorityLevelConfiguration",
      "networking.k8s.io/v1 IngressClass",
      "networking.k8s.io/v1beta1 IngressClass",
      "node.k8s.io/v1 RuntimeClass",
      "node.k8s.io/v1beta1 RuntimeClass",
      "policy/v1beta1 PodSecurityPolicy",
      "rbac.authorization.k8s.io/v1 ClusterRole",
      "rbac.authorization.k8s.io/v1 ClusterRoleBinding",
      "rbac.authorization.k8s.io/v1beta1 ClusterRole",
      "rbac.authorization.k8s.io/v1beta1 ClusterRoleBinding",
      "scheduling.k8s.io/v1 PriorityClass",
      "scheduling.k8s.io/v1beta1 PriorityClass",
      "storage.k8s.io/v1 CSIDriver",
      "storage.k8s.io/v1 CSINode",
      "storage.k8s.io/v1 StorageClass",
      "storage.k8s.io/v1 VolumeAttachment",
      "storage.k8s.io/v1beta1 CSIDriver",
      "storage.k8s.io/v1beta1 CSINode",
      "storage.k8s.io/v1beta1 StorageClass",
      "storage.k8s.io/v1beta1 VolumeAttachment",
      "v1 ComponentStatus",
      "v1 Namespace",
      "v1 Node",
      "v1 NodeProxyOptions",
      "v1 PersistentVolume"
  ).stream().collect(Collectors.toUnmodifiableSet());
  /** The kinds of {@link #CLUSTER_SCOPED}: most kinds are not there, a cheap first test. */
  private static final Set<String> CLUSTER_SCOPED_KINDS = CLUSTER_SCOPED.stream()
      .map(s -> s.substring(s.indexOf(' ') + 1)).collect(Collectors.toUnmodifiableSet());
}
