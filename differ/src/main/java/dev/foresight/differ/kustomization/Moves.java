package dev.foresight.differ.kustomization;

import dev.foresight.schema.ObjectChange;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds objects that moved: an identity removed from one pair and added to another becomes MOVED
 * on both sides. Pairs of the same profile are matched first (another Flux Kustomization now
 * renders the object), then what is left across profiles. Within each pass removals and
 * additions are matched first come, first served, in report order (profiles by name, plan order).
 */
public final class Moves {

  private Moves() {}

  /** Rewrites the entries of {@code drafts} (report order) in place. */
  public static void apply(List<PairDraft> drafts) {
    Map<String, List<PairDraft>> byProfile = new LinkedHashMap<>();
    for (PairDraft draft : drafts) {
      byProfile.computeIfAbsent(draft.profile(), p -> new ArrayList<>()).add(draft);
    }
    byProfile.values().forEach(Moves::match);
    match(drafts);
  }

  private record Ref(PairDraft draft, int index) {}

  private static void match(List<PairDraft> drafts) {
    Map<String, Deque<Ref>> removed = new LinkedHashMap<>();
    for (PairDraft draft : drafts) {
      List<ObjectEntry> entries = draft.entries();
      for (int i = 0; i < entries.size(); i++) {
        if (entries.get(i).change() == ObjectChange.REMOVED) {
          removed.computeIfAbsent(entries.get(i).identity(), k -> new ArrayDeque<>()).add(new Ref(draft, i));
        }
      }
    }
    if (removed.isEmpty()) {
      return;
    }
    for (PairDraft draft : drafts) {
      List<ObjectEntry> entries = draft.entries();
      for (int i = 0; i < entries.size(); i++) {
        ObjectEntry added = entries.get(i);
        if (added.change() != ObjectChange.ADDED) {
          continue;
        }
        Ref from = take(removed.get(added.identity()), draft);
        if (from != null) {
          ObjectEntry left = from.draft().entries().get(from.index());
          from.draft().entries().set(from.index(), left.movedTo(draft.name()));
          entries.set(i, added.movedFrom(from.draft().name(), left.before()));
        }
      }
    }
  }

  /** The first removal of another pair, taken off the queue; null when there is none. */
  private static Ref take(Deque<Ref> candidates, PairDraft to) {
    if (candidates == null) {
      return null;
    }
    for (Ref candidate : candidates) {
      if (candidate.draft() != to) {
        candidates.remove(candidate);
        return candidate;
      }
    }
    return null;
  }
}
