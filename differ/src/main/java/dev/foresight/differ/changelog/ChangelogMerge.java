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
 * component changes of all results merged by (image, from, to), their pairs unioned and sorted.
 * Components are sorted by name, image, from, to. Null when the plan has no changelog and no
 * result moves an image.
 */
public final class ChangelogMerge {

  private ChangelogMerge() {}

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
        pairs.computeIfAbsent(key, k -> new TreeSet<>()).addAll(component.getPairs());
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
