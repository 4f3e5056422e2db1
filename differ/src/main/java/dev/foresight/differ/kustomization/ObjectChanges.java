package dev.foresight.differ.kustomization;

import dev.foresight.differ.diff.TextDiff;
import dev.foresight.differ.manifest.Manifest;
import dev.foresight.differ.manifest.ObjectKey;
import dev.foresight.schema.ObjectChange;
import dev.foresight.schema.ObjectDiff;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches the objects of two renders by {@link ObjectKey} and diffs each object's text: changed
 * and added objects in head order, then removed objects in base order. Unchanged ones are left out.
 */
public final class ObjectChanges {

  private ObjectChanges() {}

  /** {@code prefix} names the diff files: {@code base/<prefix>/<Kind/ns/name>}. */
  public static List<ObjectDiff> between(String prefix, List<Manifest> base, List<Manifest> head) {
    Map<String, Manifest> baseByKey = index(base);
    Map<String, Manifest> headByKey = index(head);
    List<ObjectDiff> diffs = new ArrayList<>();
    for (Map.Entry<String, Manifest> entry : headByKey.entrySet()) {
      Manifest before = baseByKey.get(entry.getKey());
      Manifest after = entry.getValue();
      if (before == null) {
        diffs.add(diff(prefix, after, ObjectChange.ADDED, "", after.text()));
      } else if (!before.text().equals(after.text())) {
        diffs.add(diff(prefix, after, ObjectChange.CHANGED, before.text(), after.text()));
      }
    }
    for (Map.Entry<String, Manifest> entry : baseByKey.entrySet()) {
      if (!headByKey.containsKey(entry.getKey())) {
        Manifest before = entry.getValue();
        diffs.add(diff(prefix, before, ObjectChange.REMOVED, before.text(), ""));
      }
    }
    return diffs;
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

  private static ObjectDiff diff(String prefix, Manifest shown, ObjectChange change, String before, String after) {
    String path = prefix + "/" + shown.key().path();
    String unified = TextDiff.of("base/" + path, "head/" + path, before, after).unified();
    return ObjectDiff.newBuilder().setApiVersion(shown.apiVersion()).setKind(shown.kind())
        .setNamespace(shown.namespace()).setName(shown.name()).setChange(change).setDiff(unified).build();
  }
}
