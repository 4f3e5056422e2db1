package dev.foresight.differ.kustomization;

import dev.foresight.differ.manifest.Manifests;
import dev.foresight.schema.PlannedPair;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.RenderStatus;
import dev.foresight.schema.RenderedSide;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One planned pair on its way into the report: its render result (null when the planner skipped
 * it) and the objects that differ, which {@link Moves} may still rewrite into moves.
 */
public final class PairDraft {

  private final PlannedPair pair;
  private final RenderResult result;
  private final List<ObjectEntry> entries;

  private PairDraft(PlannedPair pair, RenderResult result, List<ObjectEntry> entries) {
    this.pair = pair;
    this.result = result;
    this.entries = entries;
  }

  public static PairDraft skipped(PlannedPair pair) {
    return new PairDraft(pair, null, new ArrayList<>());
  }

  public static PairDraft of(PlannedPair pair, RenderResult result) {
    Objects.requireNonNull(result, "result");
    if (result.getStatus() == RenderStatus.ERROR) {
      return new PairDraft(pair, result, new ArrayList<>());
    }
    String base = content(result.getBase());
    String head = content(result.getHead());
    List<ObjectEntry> entries = base.equals(head) ? new ArrayList<>()
        : new ArrayList<>(ObjectChanges.between(Manifests.split(base), Manifests.split(head)));
    return new PairDraft(pair, result, entries);
  }

  public PlannedPair pair() {
    return pair;
  }

  /** Null when the planner skipped the pair. */
  public RenderResult result() {
    return result;
  }

  public String profile() {
    return pair.getProfile();
  }

  /** {@code profile/ks}, as the report names pairs in {@code missing}, {@code movedFrom}, {@code sameIn}. */
  public String name() {
    return pair.getProfile() + "/" + pair.getKustomization();
  }

  /** The objects that differ, in kustomize's order; mutable for {@link Moves}. */
  List<ObjectEntry> entries() {
    return entries;
  }

  private static String content(RenderedSide side) {
    return side == null ? "" : side.getContent();
  }
}
