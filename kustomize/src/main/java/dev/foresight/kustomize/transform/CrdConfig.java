package dev.foresight.kustomize.transform;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.UnsupportedFeature;
import dev.foresight.kustomize.yaml.Node;
import java.util.List;

/** The {@code crds:} field (OpenAPI definitions with x-kubernetes-* hints): not native yet. */
final class CrdConfig {

  private CrdConfig() {}

  static TransformerConfig fromCrds(List<Node> documents, String file) throws KustomizeException {
    if (documents == null || documents.isEmpty()) {
      return TransformerConfig.empty();
    }
    throw new UnsupportedFeature("crds", file);
  }
}
