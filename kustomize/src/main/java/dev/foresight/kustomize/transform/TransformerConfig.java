package dev.foresight.kustomize.transform;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.UnsupportedFeature;
import dev.foresight.kustomize.yaml.Node;
import java.util.List;

/**
 * Field specs per transformer (kustomize's TransformerConfig): where names, namespaces, labels,
 * annotations, images, replicas, name references and var references live in each kind.
 * (Owner: the transform work package; stubs until it lands.)
 */
public final class TransformerConfig {

  /** kustomize's builtin configuration (api/konfig/builtinpluginconsts). */
  public static TransformerConfig builtin() {
    return new TransformerConfig();
  }

  /** A {@code configurations:} file. */
  public static TransformerConfig parse(Node document, String file) throws KustomizeException {
    throw new UnsupportedFeature("configurations", file);
  }

  /** Field specs from {@code crds:} documents. */
  public static TransformerConfig fromCrds(List<Node> documents, String file) throws KustomizeException {
    throw new UnsupportedFeature("crds", file);
  }

  /** This config plus {@code other}'s field specs (kustomize's merge: union, no duplicates). */
  public TransformerConfig merge(TransformerConfig other) {
    return this;
  }
}
