package dev.foresight.differ.kustomization;

import dev.foresight.differ.diff.TextDiff;
import dev.foresight.differ.manifest.ObjectKey;
import dev.foresight.schema.KustomizationReport;
import dev.foresight.schema.ObjectDiff;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dedupe across profiles x Flux Kustomizations: an object diff equal to one seen earlier in report
 * order (same identity, same change, same move relative to its profile, same diff ignoring the
 * two file-name lines) keeps only a pointer: {@code sameAs} = the pair holding the text, and an
 * empty {@code diff}. The first occurrence lists the others in {@code sameIn}. Stats are untouched.
 */
public final class Duplicates {

  private Duplicates() {}

  /** One pair of the report: its {@code profile/ks} name, profile and report. */
  public record Named(String name, String profile, KustomizationReport report) {}

  /** Rewrites the object diffs of {@code pairs} (report order) in place. */
  public static void apply(List<Named> pairs) {
    Map<String, ObjectDiff> firstByKey = new HashMap<>();
    Map<ObjectDiff, String> firstPair = new IdentityHashMap<>();
    Map<ObjectDiff, List<String>> sameIn = new IdentityHashMap<>();
    for (Named pair : pairs) {
      for (ObjectDiff object : pair.report().getObjects()) {
        String key = key(pair.profile(), object);
        ObjectDiff first = firstByKey.get(key);
        if (first == null || firstPair.get(first).equals(pair.name())) {
          if (first == null) {
            firstByKey.put(key, object);
            firstPair.put(object, pair.name());
          }
          continue;
        }
        sameIn.computeIfAbsent(first, f -> new ArrayList<>()).add(pair.name());
        object.setSameAs(firstPair.get(first));
        object.setDiff("");
      }
    }
    sameIn.forEach((first, names) -> first.setSameIn(names));
  }

  private static String key(String profile, ObjectDiff object) {
    return ObjectKey.of(object.getApiVersion(), object.getKind(), object.getNamespace(), object.getName())
        + "|" + object.getChange()
        + "|" + relative(profile, object.getMovedFrom()) + "|" + relative(profile, object.getMovedTo())
        + "|" + TextDiff.body(object.getDiff());
  }

  /** A move within the profile is the same move in every profile: {@code ./ks}. */
  private static String relative(String profile, String pair) {
    if (pair == null) {
      return "";
    }
    return pair.startsWith(profile + "/") ? "./" + pair.substring(profile.length() + 1) : pair;
  }
}
