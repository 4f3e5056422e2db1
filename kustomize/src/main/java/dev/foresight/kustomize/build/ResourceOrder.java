package dev.foresight.kustomize.build;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.resource.ResId;
import dev.foresight.kustomize.resource.Resource;
import dev.foresight.kustomize.resource.ResourceList;
import dev.foresight.kustomize.yaml.MapNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The final order of a build (kustomize's SortOrderTransformer): {@code legacy} (the default for
 * {@code kustomize build}: kinds of {@link #ORDER_FIRST} first, {@link #ORDER_LAST} last, the rest by
 * group/version/kind, then by namespace and name) or {@code fifo} (as accumulated).
 */
public final class ResourceOrder {

  public static final List<String> ORDER_FIRST = List.of("Namespace", "ResourceQuota", "StorageClass",
      "CustomResourceDefinition", "ServiceAccount", "PodSecurityPolicy", "Role", "ClusterRole", "RoleBinding",
      "ClusterRoleBinding", "ConfigMap", "Secret", "Endpoints", "Service", "LimitRange", "PriorityClass",
      "PersistentVolume", "PersistentVolumeClaim", "Deployment", "StatefulSet", "CronJob", "PodDisruptionBudget");
  public static final List<String> ORDER_LAST = List.of("MutatingWebhookConfiguration",
      "ValidatingWebhookConfiguration");

  private ResourceOrder() {}

  /** Applies the top kustomization's {@code sortOptions} (legacy when absent). */
  public static void apply(ResourceList resources, MapNode sortOptions, String file) throws KustomizeException {
    if (sortOptions == null) {
      legacy(resources, ORDER_FIRST, ORDER_LAST);
      return;
    }
    String order = GeneratorArgs.string(sortOptions, "order");
    MapNode legacyOptions = sortOptions.getMap("legacySortOptions");
    if (!order.equals("fifo") && !order.equals("legacy")) {
      throw KustomizeException.at(file, "sortOptions.order", sortOptions.line(),
          "the field 'sortOptions.order' must be one of [fifo, legacy]");
    }
    if (order.equals("fifo") && legacyOptions != null) {
      throw KustomizeException.at(file, "sortOptions.legacySortOptions", sortOptions.line(),
          "the field 'sortOptions.legacySortOptions' is set but the selected sort order is 'fifo', not 'legacy'");
    }
    if (order.equals("legacy")) {
      if (legacyOptions == null) {
        legacy(resources, ORDER_FIRST, ORDER_LAST);
      } else {
        legacy(resources, GeneratorArgs.strings(legacyOptions, "orderFirst"),
            GeneratorArgs.strings(legacyOptions, "orderLast"));
      }
    }
  }

  /** kustomize's legacy order with the given first/last kinds. */
  public static void legacy(ResourceList resources, List<String> first, List<String> last) {
    Map<String, Integer> typeOrders = new HashMap<>();
    for (int i = 0; i < first.size(); i++) {
      typeOrders.put(first.get(i), -first.size() + i);
    }
    for (int i = 0; i < last.size(); i++) {
      typeOrders.put(last.get(i), 1 + i);
    }
    Comparator<Resource> order = (a, b) -> compare(a.id(), b.id(), typeOrders);
    List<Resource> sorted = new ArrayList<>(resources.all());
    sorted.sort(order);
    resources.all().clear();
    resources.all().addAll(sorted);
  }

  static int compare(ResId a, ResId b, Map<String, Integer> typeOrders) {
    boolean sameGvk = a.group().equals(b.group()) && a.version().equals(b.version()) && a.kind().equals(b.kind());
    if (!sameGvk) {
      int i1 = typeOrders.getOrDefault(a.kind(), 0);
      int i2 = typeOrders.getOrDefault(b.kind(), 0);
      if (i1 != i2) {
        return Integer.compare(i1, i2);
      }
      int c = gvkString(a).compareTo(gvkString(b));
      if (a.kind().equals("Namespace") && b.kind().equals("Namespace")
          && (a.group().isEmpty() || b.group().isEmpty())) {
        return -c;
      }
      return c;
    }
    return idString(a).compareTo(idString(b));
  }

  private static String gvkString(ResId id) {
    return or(id.group(), "~G") + "_" + or(id.version(), "~V") + "_" + or(id.kind(), "~K");
  }

  private static String idString(ResId id) {
    return or(id.kind(), "~K") + "_" + or(id.version(), "~V") + "_" + or(id.group(), "~G") + "|"
        + or(id.namespace(), "~X") + "|" + or(id.name(), "~N");
  }

  private static String or(String value, String empty) {
    return value.isEmpty() ? empty : value;
  }
}
