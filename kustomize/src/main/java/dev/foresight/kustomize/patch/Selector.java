package dev.foresight.kustomize.patch;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.resource.ResId;
import dev.foresight.kustomize.resource.Resource;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.transform.SelectorExpr;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A patch {@code target}: group/version/kind/name/namespace as anchored regular expressions
 * ({@code ^(?:x)$}, empty matches anything), plus label and annotation selectors. Name and
 * namespace match the original or the current id, as kustomize's {@code ResMap.Select} does.
 */
public record Selector(String group, String version, String kind, String name, String namespace,
    String labelSelector, String annotationSelector) {

  public static Selector from(MapNode target) {
    return new Selector(str(target, "group"), str(target, "version"), str(target, "kind"),
        str(target, "name"), str(target, "namespace"), str(target, "labelSelector"),
        str(target, "annotationSelector"));
  }

  private static String str(MapNode m, String key) {
    String s = m.getString(key);
    return s == null ? "" : s;
  }

  public List<Resource> select(List<Resource> resources) throws KustomizeException {
    Pattern g = compile(group);
    Pattern v = compile(version);
    Pattern k = compile(kind);
    Pattern n = compile(name);
    Pattern ns = compile(namespace);
    SelectorExpr labels = SelectorExpr.parse(labelSelector, "labelSelector");
    SelectorExpr annotations = SelectorExpr.parse(annotationSelector, "annotationSelector");
    List<Resource> out = new ArrayList<>();
    for (Resource r : resources) {
      ResId cur = r.id();
      ResId org = Ids.orgId(r);
      if (ns != null && !ns.matcher(Ids.effectiveNamespace(org)).matches()
          && !ns.matcher(Ids.effectiveNamespace(cur)).matches()) {
        continue;
      }
      if (n != null && !n.matcher(org.name()).matches() && !n.matcher(cur.name()).matches()) {
        continue;
      }
      if ((g != null && !g.matcher(cur.group()).matches()) || (v != null && !v.matcher(cur.version()).matches())
          || (k != null && !k.matcher(cur.kind()).matches())) {
        continue;
      }
      if (!labelSelector.isEmpty() && !labels.matches(r.stringMap("labels"))) {
        continue;
      }
      if (!annotationSelector.isEmpty() && !annotations.matches(r.stringMap("annotations"))) {
        continue;
      }
      out.add(r);
    }
    return out;
  }

  private static Pattern compile(String regex) throws KustomizeException {
    if (regex.isEmpty()) {
      return null;
    }
    try {
      return Pattern.compile("^(?:" + regex + ")$");
    } catch (PatternSyntaxException e) {
      throw new KustomizeException("error parsing regexp: " + e.getDescription() + ": `" + regex + "`");
    }
  }

  /** As kustomize prints a selector in messages. */
  @Override
  public String toString() {
    String gvk = kind.isEmpty() && version.isEmpty() && group.isEmpty() ? "~G_~V_~K"
        : (group.isEmpty() ? "~G" : group) + "_" + (version.isEmpty() ? "~V" : version) + "_"
            + (kind.isEmpty() ? "~K" : kind);
    return gvk + "|" + (namespace.isEmpty() ? "~X" : namespace) + "|" + (name.isEmpty() ? "~N" : name)
        + ":a=" + annotationSelector + ":l=" + labelSelector;
  }
}
