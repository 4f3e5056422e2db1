package dev.foresight.kustomize.build;

import dev.foresight.kustomize.resource.ResId;
import dev.foresight.kustomize.resource.Resource;
import java.util.ArrayList;
import java.util.List;

/** kustomize's id equality: same group, version, kind, name and effective namespace. */
final class Ids {

  private Ids() {}

  static boolean equal(ResId a, ResId b) {
    return a.group().equals(b.group()) && a.version().equals(b.version()) && a.kind().equals(b.kind())
        && a.name().equals(b.name()) && effective(a).equals(effective(b));
  }

  static boolean gvknEqual(ResId a, ResId b) {
    return a.group().equals(b.group()) && a.version().equals(b.version()) && a.kind().equals(b.kind())
        && a.name().equals(b.name());
  }

  private static String effective(ResId id) {
    return id.namespace().isEmpty() ? "default" : id.namespace();
  }

  /** The current id and every previous one. */
  static List<ResId> all(Resource r) {
    List<ResId> ids = new ArrayList<>(r.previousIds());
    ids.add(r.id());
    return ids;
  }
}
