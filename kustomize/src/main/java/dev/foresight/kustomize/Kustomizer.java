package dev.foresight.kustomize;

import dev.foresight.kustomize.resource.ResourceList;

/**
 * The native kustomize engine's front door: {@code build} returns the resources of
 * {@code kustomize build dir}; {@code buildYaml} the exact bytes {@code kubectl kustomize dir}
 * prints. Raises {@link UnsupportedFeature} for what it does not implement, so the caller can fall
 * back to the exec engine. (The build work package fills it in.)
 */
public final class Kustomizer {

  private Kustomizer() {}

  public static ResourceList build(FileTree tree, String dir) throws KustomizeException {
    throw new UnsupportedFeature("native build", dir);
  }

  public static String buildYaml(FileTree tree, String dir) throws KustomizeException {
    throw new UnsupportedFeature("native build", dir);
  }
}
