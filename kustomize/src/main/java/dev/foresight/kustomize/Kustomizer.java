package dev.foresight.kustomize;

import dev.foresight.kustomize.build.Build;
import dev.foresight.kustomize.build.BuildMemo;
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
 *
 * <p>The static methods build from scratch. An instance ({@code new Kustomizer(memo)}) memoises
 * the sub-builds of {@code resources:} directories in its {@link BuildMemo}: keep one for as long
 * as the same bases get built again (all overlays, profiles, both sides of a change); it is
 * thread-safe.
 */
public final class Kustomizer {

  private final BuildMemo memo;
  private final LoadRestrictor restrictor;

  /** A kustomizer memoising sub-builds in {@code memo}, under kubectl's default restrictions. */
  public Kustomizer(BuildMemo memo) {
    this(memo, LoadRestrictor.ROOT_ONLY);
  }

  /** A kustomizer memoising sub-builds in {@code memo}, reading files under {@code restrictor}. */
  public Kustomizer(BuildMemo memo, LoadRestrictor restrictor) {
    this.memo = java.util.Objects.requireNonNull(memo, "memo");
    this.restrictor = java.util.Objects.requireNonNull(restrictor, "restrictor");
  }

  /** A kustomizer with its own default-sized memo. */
  public Kustomizer() {
    this(new BuildMemo());
  }

  public BuildMemo memo() {
    return memo;
  }

  /**
   * A build's output and the warnings kustomize prints on stderr while building it (in its order;
   * {@link BuildWarning#kubectlText()} gives kubectl's lines).
   */
  public record Built(String yaml, List<BuildWarning> warnings) {
    public Built {
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * {@link #yaml(FileTree, String)} with the build's warnings; a failure carries those printed
   * before it in {@link KustomizeException#warnings()}.
   */
  public Built render(FileTree tree, String dir) throws KustomizeException {
    return render(tree, dir, memo, restrictor);
  }

  /** What {@code kubectl kustomize --load-restrictor R dir} prints: stdout and its stderr warnings. */
  public static Built render(FileTree tree, String dir, LoadRestrictor restrictor) throws KustomizeException {
    return render(tree, dir, null, restrictor);
  }

  private static Built render(FileTree tree, String dir, BuildMemo memo, LoadRestrictor restrictor)
      throws KustomizeException {
    List<BuildWarning> warnings = new java.util.ArrayList<>();
    try {
      return new Built(emit(Build.run(tree, dir, YamlParser.DEFAULT, memo, restrictor, warnings)), warnings);
    } catch (KustomizeException e) {
      throw e.withWarnings(warnings);
    }
  }

  /** {@link #build(FileTree, String)} with this kustomizer's memo. */
  public ResourceList resources(FileTree tree, String dir) throws KustomizeException {
    return Build.run(tree, dir, YamlParser.DEFAULT, memo, restrictor);
  }

  /** {@link #buildYaml(FileTree, String)} with this kustomizer's memo. */
  public String yaml(FileTree tree, String dir) throws KustomizeException {
    return emit(resources(tree, dir));
  }

  /** The resources of {@code kustomize build dir} ({@code dir} a path of {@code tree}), in output order. */
  public static ResourceList build(FileTree tree, String dir) throws KustomizeException {
    return Build.run(tree, dir, YamlParser.DEFAULT);
  }

  /** What {@code kubectl kustomize dir} prints. */
  public static String buildYaml(FileTree tree, String dir) throws KustomizeException {
    return emit(build(tree, dir));
  }

  /** What {@code kubectl kustomize --load-restrictor R dir} prints. */
  public static String buildYaml(FileTree tree, String dir, LoadRestrictor restrictor) throws KustomizeException {
    return emit(Build.run(tree, dir, YamlParser.DEFAULT, null, restrictor));
  }

  /** The documents of {@code resources} as kustomize prints them. */
  public static String emit(ResourceList resources) {
    List<Node> nodes = resources.all().stream().map(Resource::node).map(Node.class::cast).toList();
    return Yaml.emitAll(nodes);
  }
}
