package dev.foresight.differ.changelog;

import dev.foresight.schema.Changelog;
import dev.foresight.schema.ComponentChange;
import dev.foresight.schema.RenderPlan;
import dev.foresight.schema.RenderResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The changelog of a report: the plan's GitOps commits (and its error, truncation) with the
 * component changes of all results merged by (image, from, to), their pairs unioned and sorted
 * as the report orders them (by profile, then Flux Kustomization: {@code development/apps} before
 * {@code development-light/apps}).
 * Components are sorted by name, image, from, to. Null when the plan has no changelog and no
 * result moves an image.
 */
public final class ChangelogMerge {

  /** {@code profile/kustomization} labels by profile, then kustomization (plain text order would put '-' before '/'). */
  static final Comparator<String> PAIR_ORDER = Comparator.comparing((String pair) -> part(pair, true))
      .thenComparing(pair -> part(pair, false));

  private ChangelogMerge() {}

  private static String part(String pair, boolean profile) {
    int slash = pair.indexOf('/');
    return slash < 0 ? (profile ? pair : "") : profile ? pair.substring(0, slash) : pair.substring(slash + 1);
  }

  public static Changelog of(RenderPlan plan, Collection<RenderResult> results) {
    Map<String, ComponentChange> merged = new LinkedHashMap<>();
    Map<String, TreeSet<String>> pairs = new LinkedHashMap<>();
    for (RenderResult result : results) {
      for (ComponentChange component : result.getComponents()) {
        String key = component.getImage() + "\n" + component.getFrom() + "\n" + component.getTo();
        ComponentChange known = merged.get(key);
        if (known == null || (known.getError() != null && component.getError() == null)) {
          merged.put(key, component);
        }
        pairs.computeIfAbsent(key, k -> new TreeSet<>(PAIR_ORDER)).addAll(component.getPairs());
      }
    }
    Changelog fromPlan = plan.getChangelog();
    if (fromPlan == null && merged.isEmpty()) {
      return null;
    }
    List<ComponentChange> components = new ArrayList<>();
    for (Map.Entry<String, ComponentChange> entry : merged.entrySet()) {
      components.add(ComponentChange.newBuilder(entry.getValue())
          .setPairs(new ArrayList<>(pairs.get(entry.getKey()))).build());
    }
    components.sort(Comparator.comparing(ComponentChange::getName).thenComparing(ComponentChange::getImage)
        .thenComparing(ComponentChange::getFrom).thenComparing(ComponentChange::getTo));
    Changelog.Builder out = fromPlan != null ? Changelog.newBuilder(fromPlan)
        : Changelog.newBuilder().setCommits(new ArrayList<>()).setTruncated(false);
    return out.setComponents(components).build();
  }
}
