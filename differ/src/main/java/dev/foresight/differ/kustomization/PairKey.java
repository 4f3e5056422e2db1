package dev.foresight.differ.kustomization;

import dev.foresight.schema.PlannedPair;
import dev.foresight.schema.RenderResult;

/** Identifies a rendered pair: profile + Flux Kustomization namespace and name (never the path). */
public record PairKey(String profile, String namespace, String kustomization) {

  public static PairKey of(PlannedPair pair) {
    return new PairKey(pair.getProfile(), pair.getNamespace(), pair.getKustomization());
  }

  public static PairKey of(RenderResult result) {
    return new PairKey(result.getProfile(), result.getNamespace(), result.getKustomization());
  }
}
