package dev.foresight.kustomize.patch;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.UnsupportedFeature;
import dev.foresight.kustomize.build.BuildContext;
import dev.foresight.kustomize.resource.ResourceList;
import dev.foresight.kustomize.yaml.MapNode;

/**
 * Patches a kustomization applies: {@code patchesStrategicMerge}, {@code patches} (strategic merge
 * or JSON 6902, inline or file, with target selectors and options) and {@code patchesJson6902}.
 * (Owner: the patch work package; stubs until it lands.)
 */
public final class Patches {

  private Patches() {}

  /** {@code patchesStrategicMerge}. */
  public static void strategicMerge(ResourceList resources, MapNode kustomization, BuildContext ctx)
      throws KustomizeException {
    if (kustomization.has("patchesStrategicMerge")) {
      throw new UnsupportedFeature("patchesStrategicMerge", ctx.file());
    }
  }

  /** {@code patches}. */
  public static void patches(ResourceList resources, MapNode kustomization, BuildContext ctx)
      throws KustomizeException {
    if (kustomization.has("patches")) {
      throw new UnsupportedFeature("patches", ctx.file());
    }
  }

  /** {@code patchesJson6902}. */
  public static void json6902(ResourceList resources, MapNode kustomization, BuildContext ctx)
      throws KustomizeException {
    if (kustomization.has("patchesJson6902")) {
      throw new UnsupportedFeature("patchesJson6902", ctx.file());
    }
  }
}
