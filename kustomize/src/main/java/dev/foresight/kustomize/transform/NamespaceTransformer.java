package dev.foresight.kustomize.transform;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.resource.ResId;
import dev.foresight.kustomize.resource.Resource;
import dev.foresight.kustomize.resource.ResourceList;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.SeqNode;
import dev.foresight.kustomize.yaml.Tags;
import java.util.ArrayList;
import java.util.List;

/**
 * kustomize's NamespaceTransformer: metadata.namespace of every namespaced object, the namespace
 * field specs (a Namespace object's own name, APIService and CRD webhook service namespaces), and
 * RoleBinding/ClusterRoleBinding subjects named {@code default} (mode defaultOnly).
 */
public final class NamespaceTransformer {

  /** How RoleBinding subjects are treated (kustomize's setRoleBindingSubjects). */
  public enum SubjectMode { DEFAULT_ONLY, ALL_SERVICE_ACCOUNTS, NONE }

  private final String namespace;
  private final List<FieldSpec> specs;
  private final boolean unsetOnly;
  private final SubjectMode mode;

  public NamespaceTransformer(String namespace, List<FieldSpec> specs, boolean unsetOnly, SubjectMode mode) {
    this.namespace = namespace;
    this.specs = specs;
    this.unsetOnly = unsetOnly;
    this.mode = mode;
  }

  public void apply(ResourceList resources) throws KustomizeException {
    if (namespace.isEmpty()) {
      return;
    }
    // how many resources currently have each id, kept up to date as resources move: the check
    // below sees the same counts as scanning the list after each transform, in linear time
    java.util.Map<IdKey, Integer> counts = new java.util.HashMap<>();
    for (Resource r : resources) {
      counts.merge(IdKey.of(r.id()), 1, Integer::sum);
    }
    for (Resource r : resources) {
      if (r.node().isEmpty()) {
        continue;
      }
      ResId before = r.id();
      r.previousIds().add(before);
      transform(r);
      ResId cur = r.id();
      counts.merge(IdKey.of(before), -1, Integer::sum);
      int matches = counts.merge(IdKey.of(cur), 1, Integer::sum);
      if (matches != 1) {
        throw new KustomizeException("namespace transformation produces ID conflict: " + cur
            + " (namespace '" + namespace + "' makes " + matches + " resources share that id)");
      }
    }
  }

  /** What {@link #sameId} compares. */
  private record IdKey(String name, Gvk gvk, String namespace) {
    static IdKey of(ResId id) {
      return new IdKey(id.name(), Gvk.of(id), Gvk.effectiveNamespace(id));
    }
  }

  static boolean sameId(ResId a, ResId b) {
    return a.name().equals(b.name()) && Gvk.of(a).equals(Gvk.of(b))
        && Gvk.effectiveNamespace(a).equals(Gvk.effectiveNamespace(b));
  }

  /**
   * kustomize's namespace filter alone on one resource, without the plugin's id bookkeeping and
   * conflict check (what ValueAddTransformer runs for {@code metadata/namespace}).
   */
  public void applyFilter(Resource r) throws KustomizeException {
    if (!namespace.isEmpty()) {
      transform(r);
    }
  }

  private void transform(Resource r) throws KustomizeException {
    MapNode node = r.node();
    String apiVersion = FieldWalker.stringAt(node, "apiVersion");
    List<FieldSpec> fs = new ArrayList<>();
    for (FieldSpec spec : specs) {
      if (spec.path().equals("metadata/namespace")) {
        continue;
      }
      if (!apiVersion.equals("v1") && spec.path().equals("metadata/name")) {
        continue;
      }
      fs.add(spec);
    }
    Gvk gvk = Gvk.fromApiVersion(apiVersion, FieldWalker.stringAt(node, "kind"));
    if (!gvk.isClusterScoped()) {
      FieldWalker.applyUnchecked(node, FieldSpec.of("metadata/namespace", true), FieldWalker.Kind.SCALAR, null,
          this::set);
    }
    if (gvk.kind().equals("RoleBinding") || gvk.kind().equals("ClusterRoleBinding")) {
      fs.removeIf(s -> (s.gvk().kind().equals("RoleBinding") || s.gvk().kind().equals("ClusterRoleBinding"))
          && s.path().equals("subjects/namespace"));
      subjects(node);
    }
    try {
      FieldWalker.applyAll(node, fs, FieldWalker.Kind.SCALAR, Tags.STR, this::set);
    } catch (KustomizeException e) {
      throw new KustomizeException("namespace transformation failed: " + e.getMessage(), e);
    }
  }

  private void subjects(MapNode node) throws KustomizeException {
    if (mode == SubjectMode.NONE) {
      return;
    }
    Node subjects = node.get("subjects");
    if (!(subjects instanceof SeqNode seq)) {
      return;
    }
    for (Node item : seq.items()) {
      if (!(item instanceof MapNode subject)) {
        continue;
      }
      String match = mode == SubjectMode.DEFAULT_ONLY ? subject.getString("name") : subject.getString("kind");
      String wanted = mode == SubjectMode.DEFAULT_ONLY ? "default" : "ServiceAccount";
      if (!wanted.equals(match)) {
        continue;
      }
      if (subject.get("namespace") == null) {
        subject.put("namespace", new ScalarNode("", Tags.STR, dev.foresight.kustomize.yaml.ScalarStyle.PLAIN));
      }
      set(FieldWalker.entrySlot(subject, "namespace"));
    }
  }

  private void set(FieldWalker.Slot slot) throws KustomizeException {
    if (unsetOnly) {
      Node node = slot.get();
      if (node instanceof ScalarNode s && !s.value().isEmpty() && !s.isNull()) {
        return;
      }
    }
    FieldWalker.setScalar(slot, namespace, Tags.STR);
  }
}
