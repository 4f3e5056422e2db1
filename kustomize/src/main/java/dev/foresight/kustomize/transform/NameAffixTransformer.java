package dev.foresight.kustomize.transform;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.resource.ResId;
import dev.foresight.kustomize.resource.Resource;
import dev.foresight.kustomize.resource.ResourceList;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.Tags;
import java.util.List;

/**
 * kustomize's PrefixTransformer/SuffixTransformer: adds the affix at each name field spec of
 * objects whose original id the spec selects; CRDs, APIServices and Namespaces are never renamed.
 */
public final class NameAffixTransformer {

  private static final List<Gvk> SKIP = List.of(new Gvk("", "", "CustomResourceDefinition"),
      new Gvk("apiregistration.k8s.io", "", "APIService"), new Gvk("", "", "Namespace"));

  private final String affix;
  private final boolean prefix;
  private final List<FieldSpec> specs;

  public NameAffixTransformer(String affix, boolean prefix, List<FieldSpec> specs) {
    this.affix = affix;
    this.prefix = prefix;
    this.specs = specs;
  }

  public void apply(ResourceList resources) throws KustomizeException {
    if (affix.isEmpty()) {
      return;
    }
    for (Resource r : resources) {
      Gvk org = Gvk.of(originalId(r));
      if (SKIP.stream().anyMatch(org::isSelectedBy)) {
        continue;
      }
      for (FieldSpec fs : specs) {
        if (!org.isSelectedBy(fs.gvk())) {
          continue;
        }
        boolean isName = fs.path().equals("metadata/name");
        if (isName) {
          (prefix ? r.namePrefixes() : r.nameSuffixes()).add(affix);
          r.previousIds().add(r.id());
        }
        FieldWalker.apply(r.node(), fs, FieldWalker.Kind.SCALAR, Tags.STR, slot -> {
          Node node = slot.get();
          String old = node instanceof ScalarNode s ? s.value() : "";
          FieldWalker.setScalar(slot, prefix ? affix + old : old + affix, null);
        });
      }
    }
  }

  /** kustomize's OrgId: the first previous id, or the current one. */
  static ResId originalId(Resource r) {
    return r.previousIds().isEmpty() ? r.id() : r.previousIds().get(0);
  }
}
