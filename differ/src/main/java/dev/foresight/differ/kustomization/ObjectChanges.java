package dev.foresight.differ.kustomization;

import dev.foresight.differ.manifest.Manifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches the objects of two renders by {@link dev.foresight.differ.manifest.ObjectKey} and keeps
 * those that differ, in the order kustomize printed them: head's order, with every removed object
 * placed right after the object that preceded it in base (and still exists in head), so the two
 * orders merge stably. Unchanged objects are left out.
 */
public final class ObjectChanges {

  private ObjectChanges() {}

  public static List<ObjectEntry> between(List<Manifest> base, List<Manifest> head) {
    Map<String, Manifest> baseByKey = index(base);
    Map<String, Manifest> headByKey = index(head);
    // removed objects, grouped by the last base object before them that head still has ("" = start)
    Map<String, List<ObjectEntry>> removedAfter = new LinkedHashMap<>();
    String anchor = "";
    for (Map.Entry<String, Manifest> entry : baseByKey.entrySet()) {
      if (headByKey.containsKey(entry.getKey())) {
        anchor = entry.getKey();
      } else {
        removedAfter.computeIfAbsent(anchor, a -> new ArrayList<>())
            .add(ObjectEntry.of(entry.getKey(), entry.getValue(), null));
      }
    }
    List<ObjectEntry> entries = new ArrayList<>(removedAfter.getOrDefault("", List.of()));
    for (Map.Entry<String, Manifest> entry : headByKey.entrySet()) {
      Manifest before = baseByKey.get(entry.getKey());
      Manifest after = entry.getValue();
      if (before == null || !before.text().equals(after.text())) {
        entries.add(ObjectEntry.of(entry.getKey(), before, after));
      }
      entries.addAll(removedAfter.getOrDefault(entry.getKey(), List.of()));
    }
    return entries;
  }

  /** Keyed by identity; a repeated identity (invalid output) gets a {@code #n} suffix so no text is lost. */
  private static Map<String, Manifest> index(List<Manifest> manifests) {
    Map<String, Manifest> byKey = new LinkedHashMap<>();
    for (Manifest manifest : manifests) {
      String key = manifest.key().toString();
      String unique = key;
      for (int n = 2; byKey.containsKey(unique); n++) {
        unique = key + "#" + n;
      }
      byKey.put(unique, manifest);
    }
    return byKey;
  }
}
