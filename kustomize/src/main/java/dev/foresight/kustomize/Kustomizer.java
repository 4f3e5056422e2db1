package dev.foresight.kustomize;

import dev.foresight.kustomize.build.Build;
import dev.foresight.kustomize.build.YamlParser;
import dev.foresight.kustomize.resource.Resource;
import dev.foresight.kustomize.resource.ResourceList;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.Yaml;
import java.util.List;

/**
 * The native kustomize engine's front door: {@code build} returns the resources of
 * {@code kustomize build dir}; {@code buildYaml} the exact bytes {@code kubectl kustomize dir}
 * prints. Raises {@link UnsupportedFeature} for what it does not implement, so the caller can fall
 * back to the exec engine.
 */
public final class Kustomizer {

  private Kustomizer() {}

  /** The resources of {@code kustomize build dir} ({@code dir} a path of {@code tree}), in output order. */
  public static ResourceList build(FileTree tree, String dir) throws KustomizeException {
    return Build.run(tree, dir, YamlParser.DEFAULT);
  }

  /** What {@code kubectl kustomize dir} prints. */
  public static String buildYaml(FileTree tree, String dir) throws KustomizeException {
    return emit(build(tree, dir));
  }

  /** The documents of {@code resources} as kustomize prints them. */
  public static String emit(ResourceList resources) {
    List<Node> nodes = resources.all().stream().map(Resource::node).map(Node.class::cast).toList();
    return Yaml.emitAll(nodes);
  }
}
