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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * kustomize's name reference transformer: where a field (per the nameReference specs) names an
 * object that was renamed (prefix, suffix, hash, namespace), it follows the new name; for
 * {@code {name, namespace}} maps such as RoleBinding subjects the namespace follows too.
 */
public final class NameReferenceFixer {

  private record Job(FieldSpec field, Gvk target) {}

  private final List<NameBackReference> backRefs;

  public NameReferenceFixer(List<NameBackReference> backRefs) {
    this.backRefs = backRefs;
  }

  public void apply(ResourceList resources) throws KustomizeException {
    Map<Resource, List<Job>> jobs = new LinkedHashMap<>();
    List<Resource> all = resources.all();
    List<Gvk> originalGvks = new ArrayList<>(all.size());
    for (Resource r : all) {
      jobs.put(r, new ArrayList<>());
      originalGvks.add(Gvk.of(NameAffixTransformer.originalId(r)));
    }
    for (NameBackReference ref : backRefs) {
      for (FieldSpec spec : ref.referrers()) {
        for (int i = 0; i < all.size(); i++) {
          Resource r = all.get(i);
          if (originalGvks.get(i).isSelectedBy(spec.gvk())) {
            jobs.get(r).add(new Job(spec, ref.target()));
          }
        }
      }
    }
    // the fixer edits reference fields, never metadata: the ids of the candidates hold still
    Scopes scopes = new Scopes(all);
    for (Map.Entry<Resource, List<Job>> e : jobs.entrySet()) {
      Resource referrer = e.getKey();
      if (e.getValue().isEmpty()) {
        continue;
      }
      List<Resource> candidates = couldBeReferencedBy(referrer, all, scopes);
      for (Job job : e.getValue()) {
        FieldSpec field = new FieldSpec(Gvk.of(referrer.id()), job.field().path(), job.field().create());
        try {
          FieldWalker.applyUnchecked(referrer.node(), field, FieldWalker.Kind.NONE, null,
              slot -> set(slot, referrer, job, candidates));
        } catch (KustomizeException ex) {
          throw new KustomizeException("updating name reference in '" + field.path() + "' field of '"
              + referrer.id() + "': " + ex.getMessage(), ex);
        }
      }
    }
  }

  private void set(FieldWalker.Slot slot, Resource referrer, Job job, List<Resource> candidates)
      throws KustomizeException {
    Node node = slot.get();
    if (node == null || node instanceof ScalarNode s && s.isNull()) {
      return;
    }
    if (node instanceof ScalarNode) {
      setScalar(slot, referrer, job, candidates);
    } else if (node instanceof MapNode map) {
      setMapping(map, referrer, job, candidates);
    } else if (node instanceof SeqNode seq) {
      for (int i = 0; i < seq.items().size(); i++) {
        Node item = seq.items().get(i);
        if (item instanceof ScalarNode s && s.isNull()) {
          continue;
        }
        if (item instanceof ScalarNode) {
          setScalar(FieldWalker.itemSlot(seq, i), referrer, job, candidates);
        } else if (item instanceof MapNode m) {
          setMapping(m, referrer, job, candidates);
        } else {
          throw new KustomizeException("a name reference list item must be a string or a map of string");
        }
      }
    }
  }

  private void setScalar(FieldWalker.Slot slot, Resource referrer, Job job, List<Resource> candidates)
      throws KustomizeException {
    String old = ((ScalarNode) slot.get()).value();
    Resource referral = select(old, candidates, referrer, job, false);
    if (referral == null || referral.name().equals(old)) {
      return;
    }
    FieldWalker.setScalar(slot, referral.name(), null);
  }

  private void setMapping(MapNode map, Resource referrer, Job job, List<Resource> all) throws KustomizeException {
    Node nameNode = map.get("name");
    if (nameNode == null) {
      throw new KustomizeException("path config error; no 'name' field in node");
    }
    List<Resource> candidates = all;
    Node nsNode = map.get("namespace");
    if (nsNode != null) {
      String ns = nsNode instanceof ScalarNode s ? s.value() : "";
      candidates = byNamespace(all, ns, true);
      if (candidates.isEmpty()) {
        candidates = byNamespace(all, ns, false);
      }
    }
    String old = nameNode instanceof ScalarNode s ? s.value() : "";
    Resource referral = select(old, candidates, referrer, job, true);
    if (referral == null) {
      return;
    }
    if (referral.name().equals(old) && referral.namespace().isEmpty()) {
      return;
    }
    map.put("name", referral.name());
    if (!referral.namespace().isEmpty()) {
      map.put("namespace", referral.namespace());
    }
  }

  private static List<Resource> byNamespace(List<Resource> all, String ns, boolean original) {
    List<Resource> out = new ArrayList<>();
    for (Resource r : all) {
      ResId id = original ? NameAffixTransformer.originalId(r) : r.id();
      String eff = Gvk.effectiveNamespace(id);
      if (!eff.equals(Gvk.NOT_A_NAMESPACE) && eff.equals(ns)) {
        out.add(r);
      }
    }
    return out;
  }

  private Resource select(String oldName, List<Resource> candidates, Resource referrer, Job job,
      boolean compareNamespaces) throws KustomizeException {
    List<Resource> c = sieve(candidates, r -> r.previousIds().stream().anyMatch(id -> id.name().equals(oldName)));
    c = sieve(c, r -> r.previousIds().stream().anyMatch(id -> Gvk.of(id).isSelectedBy(job.target())));
    c = sieve(c, roleRefFilter(referrer, job));
    c = sieve(c, sameNamespace(referrer));
    if (c.size() == 1) {
      return c.get(0);
    }
    c = sieve(c, r -> affixesEqual(r, referrer, true));
    if (c.size() > 1) {
      c = sieve(c, r -> affixesEqual(r, referrer, false));
    }
    if (c.size() == 1) {
      return c.get(0);
    }
    if (c.isEmpty()) {
      return null;
    }
    Resource first = c.get(0);
    boolean identical = c.stream().allMatch(r -> r.name().equals(first.name())
        && (!compareNamespaces || r.namespace().equals(first.namespace())));
    if (identical) {
      return c.get(0);
    }
    throw new KustomizeException("found multiple possible referrals: "
        + String.join(", ", c.stream().map(r -> r.id().toString()).toList())
        + " (referrer " + referrer.id() + "; give the objects distinct names or namespaces)");
  }

  private static Predicate<Resource> roleRefFilter(Resource referrer, Job job) {
    if (!job.field().path().endsWith("roleRef/name")) {
      return r -> true;
    }
    MapNode roleRef = referrer.node().getMap("roleRef");
    if (roleRef == null || roleRef.get("apiGroup") == null || roleRef.get("kind") == null) {
      return r -> true;
    }
    Gvk gvk = new Gvk(FieldWalker.stringAt(roleRef, "apiGroup"), "", FieldWalker.stringAt(roleRef, "kind"));
    return r -> r.previousIds().stream().anyMatch(id -> Gvk.of(id).isSelectedBy(gvk));
  }

  private static Predicate<Resource> sameNamespace(Resource referrer) {
    ResId ref = referrer.id();
    if (Gvk.isClusterScoped(ref)) {
      return r -> true;
    }
    return r -> Gvk.isClusterScoped(r.id()) || r.kind().equals("ServiceAccount")
        || Gvk.effectiveNamespace(ref).equals(Gvk.effectiveNamespace(r.id()));
  }

  private static boolean affixesEqual(Resource a, Resource b, boolean allowEmpty) {
    if (allowEmpty) {
      boolean prefixEmpty = a.namePrefixes().isEmpty() || b.namePrefixes().isEmpty();
      boolean suffixEmpty = a.nameSuffixes().isEmpty() || b.nameSuffixes().isEmpty();
      return (prefixEmpty || sameEnding(a.namePrefixes(), b.namePrefixes()))
          && (suffixEmpty || sameEnding(a.nameSuffixes(), b.nameSuffixes()));
    }
    return sameEnding(a.namePrefixes(), b.namePrefixes()) && sameEnding(a.nameSuffixes(), b.nameSuffixes());
  }

  private static boolean sameEnding(List<String> x, List<String> y) {
    List<String> shortest = x.size() <= y.size() ? x : y;
    List<String> longest = x.size() <= y.size() ? y : x;
    int diff = longest.size() - shortest.size();
    if (shortest.isEmpty()) {
      return diff == 0;
    }
    for (int i = shortest.size() - 1; i >= 0; i--) {
      if (!longest.get(i + diff).equals(shortest.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static List<Resource> sieve(List<Resource> in, Predicate<Resource> keep) {
    return in.stream().filter(keep).toList();
  }

  /** An id as kustomize prints it: {@code Kind.version.group/name.namespace} with [noVer]/[noGrp]/[noNs]. */
  static String print(ResId id) {
    return id.kind() + "." + (id.version().isEmpty() ? "[noVer]" : id.version()) + "."
        + (id.group().isEmpty() ? "[noGrp]" : id.group()) + "/" + id.name() + "."
        + (id.namespace().isEmpty() ? "[noNs]" : id.namespace());
  }

  /**
   * The effective namespace of every resource (computed once per fix), and the resources grouped
   * by it in list order: the subsets {@link #couldBeReferencedBy} picks from.
   */
  private static final class Scopes {
    final Map<Resource, String> namespaceOf = new java.util.IdentityHashMap<>();
    final Map<String, List<Resource>> byNamespace = new java.util.HashMap<>();

    Scopes(List<Resource> all) {
      for (Resource r : all) {
        String eff = Gvk.effectiveNamespace(r.id());
        namespaceOf.put(r, eff);
        byNamespace.computeIfAbsent(eff, k -> new ArrayList<>()).add(r);
      }
    }
  }

  /** kustomize's SubsetThatCouldBeReferencedByResource. */
  static List<Resource> couldBeReferencedBy(Resource referrer, List<Resource> all) throws KustomizeException {
    return couldBeReferencedBy(referrer, all, new Scopes(all));
  }

  private static List<Resource> couldBeReferencedBy(Resource referrer, List<Resource> all, Scopes scopes)
      throws KustomizeException {
    ResId ref = referrer.id();
    if (Gvk.isClusterScoped(ref)) {
      return new ArrayList<>(all);
    }
    List<String> bindingNamespaces = new ArrayList<>();
    if (referrer.kind().equals("RoleBinding") && referrer.node().get("subjects") instanceof SeqNode subjects) {
      for (Node s : subjects.items()) {
        if (s instanceof MapNode m && m.get("namespace") != null && "ServiceAccount".equals(m.getString("kind"))) {
          // kustomize reads the subject as a Go map and insists on a string: null, numbers, lists fail
          if (!(m.get("namespace") instanceof ScalarNode ns) || ns.isNull()
              || (ns.tag() != null && !Tags.STR.equals(ns.tag()))) {
            throw new KustomizeException("Invalid Input: namespace is blank for resource \"" + print(ref) + "\"");
          }
          bindingNamespaces.add(ns.value());
        }
      }
    }
    String refNamespace = Gvk.effectiveNamespace(ref);
    if (bindingNamespaces.isEmpty() && !refNamespace.equals(Gvk.NOT_A_NAMESPACE)) {
      // the common case, without scanning: this namespace's resources and the cluster-scoped ones
      List<Resource> same = scopes.byNamespace.getOrDefault(refNamespace, List.of());
      List<Resource> cluster = scopes.byNamespace.getOrDefault(Gvk.NOT_A_NAMESPACE, List.of());
      if (cluster.isEmpty()) {
        return same;
      }
      if (same.isEmpty()) {
        return cluster;
      }
    }
    List<Resource> out = new ArrayList<>();
    for (Resource r : all) {
      String eff = scopes.namespaceOf.get(r);
      if (eff.equals(Gvk.NOT_A_NAMESPACE) || eff.equals(refNamespace)
          || bindingNamespaces.contains(r.namespace())) {
        out.add(r);
      }
    }
    return out;
  }
}
