package dev.foresight.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.foresight.schema.ObjectChange;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one change does, from the oracle's renders alone: per {@code profile/ks} pair, the objects
 * (by identity) added, removed or changed between kubectl's base and head output, with both texts;
 * and the clear values of every Secret the renders hold.
 */
final class ExpectedChanges {

  /** One object that differs; {@code before} or {@code after} is null where it does not exist. */
  record Expected(ObjectChange change, OracleObject before, OracleObject after) {

    /** The object as the report names it: head's when there is one. */
    OracleObject shown() {
      return after != null ? after : before;
    }

    boolean secret() {
      return shown().secret();
    }
  }

  /** Every pair at base or head. */
  final Set<String> pairs = new TreeSet<>();
  /** Pair -> identity -> what differs, for the pairs where something does. */
  final Map<String, Map<String, Expected>> changed = new TreeMap<>();
  /** Clear values of all Secrets, at both sides. */
  final Set<String> secretValues = new TreeSet<>();

  ExpectedChanges(Map<String, KubectlOracle.Rendered> base, Map<String, KubectlOracle.Rendered> head) {
    pairs.addAll(base.keySet());
    pairs.addAll(head.keySet());
    Map<String, Set<String>> valuesBySide = new TreeMap<>(); // "base|profile" -> Secret values
    for (String pair : pairs) {
      Map<String, OracleObject> before = objects(base.get(pair), "base|" + profile(pair), valuesBySide, pair);
      Map<String, OracleObject> after = objects(head.get(pair), "head|" + profile(pair), valuesBySide, pair);
      Map<String, Expected> differ = new LinkedHashMap<>();
      Set<String> identities = new HashSet<>(before.keySet());
      identities.addAll(after.keySet());
      for (String identity : new TreeSet<>(identities)) {
        OracleObject b = before.get(identity);
        OracleObject a = after.get(identity);
        if (b == null) {
          differ.put(identity, new Expected(ObjectChange.ADDED, null, a));
        } else if (a == null) {
          differ.put(identity, new Expected(ObjectChange.REMOVED, b, null));
        } else if (!a.text().equals(b.text())) {
          differ.put(identity, new Expected(ObjectChange.CHANGED, b, a));
        }
      }
      if (!differ.isEmpty()) {
        changed.put(pair, differ);
      }
    }
    valuesBySide.values().forEach(secretValues::addAll);
    nothingTheProductMasks(base, "base", valuesBySide);
    nothingTheProductMasks(head, "head", valuesBySide);
  }

  static String profile(String pair) {
    return pair.substring(0, pair.indexOf('/'));
  }

  private static Map<String, OracleObject> objects(KubectlOracle.Rendered rendered, String side,
      Map<String, Set<String>> valuesBySide, String pair) {
    Map<String, OracleObject> out = new LinkedHashMap<>();
    if (rendered == null) {
      return out;
    }
    for (OracleObject object : OracleObject.split(rendered.text())) {
      // The product suffixes a repeated identity with #n; kubectl never prints one, nor does this oracle model it.
      assertNull(out.put(object.identity(), object), pair + " at " + side + ": kubectl printed "
          + object.identity() + " twice");
      if (object.secret()) {
        valuesBySide.computeIfAbsent(side, s -> new TreeSet<>()).addAll(object.secretValues());
      }
    }
    return out;
  }

  /**
   * The byte-for-byte comparison of non-Secret objects holds only where the renderer leaves them as
   * kubectl prints them. It would not where a Secret's clear value of the same profile and side
   * appears in another object (the renderer masks it there too) or SOPS ciphertext is present (it
   * is replaced): such a fixture is refused here, by name, rather than compared loosely. Values
   * shorter than 8 characters are not searched (too many chance matches); if the renderer masked
   * one, the text comparison fails instead.
   */
  private static void nothingTheProductMasks(Map<String, KubectlOracle.Rendered> side, String label,
      Map<String, Set<String>> valuesBySide) {
    for (Map.Entry<String, KubectlOracle.Rendered> pair : side.entrySet()) {
      Set<String> values = valuesBySide.getOrDefault(label + "|" + profile(pair.getKey()), Set.of());
      for (OracleObject object : OracleObject.split(pair.getValue().text())) {
        if (object.secret()) {
          continue;
        }
        String where = pair.getKey() + " at " + label + ", " + object.path();
        assertFalse(object.text().contains("ENC[") || object.text().startsWith("sops:")
            || object.text().contains("\nsops:"), where + " holds SOPS content, which the renderer replaces and this"
            + " oracle does not; use a fixture without it");
        for (String value : List.copyOf(values)) {
          assertFalse(value.length() >= 8 && object.text().contains(value), where + " holds a Secret's clear value,"
              + " which the renderer masks outside Secrets too and this oracle does not; use a fixture without it");
        }
      }
    }
  }
}
