package dev.foresight.kustomize.transform;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.UnsupportedFeature;
import dev.foresight.kustomize.build.BuildContext;
import dev.foresight.kustomize.resource.ResourceList;
import dev.foresight.kustomize.yaml.MapNode;

/**
 * The builtin transformers a kustomization's fields configure, each applied to the resources of
 * that kustomization (after its resources, generators and components are accumulated). Each
 * method reads its own fields from {@code kustomization} and does nothing when they are absent.
 * (Owner: the transform work package; stubs until it lands.)
 */
public final class BuiltinTransformers {

  private BuiltinTransformers() {}

  /** {@code namespace}. */
  public static void namespace(ResourceList resources, MapNode kustomization, BuildContext ctx)
      throws KustomizeException {
    unsupportedIfPresent(kustomization, ctx, "namespace");
  }

  /** {@code namePrefix} and {@code nameSuffix}. */
  public static void prefixSuffix(ResourceList resources, MapNode kustomization, BuildContext ctx)
      throws KustomizeException {
    unsupportedIfPresent(kustomization, ctx, "namePrefix", "nameSuffix");
  }

  /** {@code commonLabels} and {@code labels}. */
  public static void labels(ResourceList resources, MapNode kustomization, BuildContext ctx)
      throws KustomizeException {
    unsupportedIfPresent(kustomization, ctx, "commonLabels", "labels");
  }

  /** {@code commonAnnotations}. */
  public static void annotations(ResourceList resources, MapNode kustomization, BuildContext ctx)
      throws KustomizeException {
    unsupportedIfPresent(kustomization, ctx, "commonAnnotations");
  }

  /** {@code replicas}. */
  public static void replicas(ResourceList resources, MapNode kustomization, BuildContext ctx)
      throws KustomizeException {
    unsupportedIfPresent(kustomization, ctx, "replicas");
  }

  /** {@code images}. */
  public static void images(ResourceList resources, MapNode kustomization, BuildContext ctx)
      throws KustomizeException {
    unsupportedIfPresent(kustomization, ctx, "images");
  }

  /** {@code replacements}. */
  public static void replacements(ResourceList resources, MapNode kustomization, BuildContext ctx)
      throws KustomizeException {
    unsupportedIfPresent(kustomization, ctx, "replacements");
  }

  /**
   * After all transformers of the whole build: references to renamed objects (ConfigMaps, Secrets,
   * ServiceAccounts, ...) follow the new names; RoleBinding subjects follow namespaces.
   */
  public static void fixNameReferences(ResourceList resources, TransformerConfig config) throws KustomizeException {
    // nothing renamed without the transformers that rename; stub until the transform package lands
  }

  /** {@code vars}: resolve {@code $(VAR)} references (after name references are fixed). */
  public static void resolveVars(ResourceList resources, java.util.List<MapNode> vars, TransformerConfig config)
      throws KustomizeException {
    if (!vars.isEmpty()) {
      throw new UnsupportedFeature("vars", null);
    }
  }

  static void unsupportedIfPresent(MapNode kustomization, BuildContext ctx, String... fields)
      throws UnsupportedFeature {
    for (String field : fields) {
      if (kustomization.has(field)) {
        throw new UnsupportedFeature(field, ctx.file());
      }
    }
  }
}
