package dev.foresight.kustomize.build;

import dev.foresight.kustomize.BuildWarning;
import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.LoadRestrictor;
import dev.foresight.kustomize.TreePath;
import dev.foresight.kustomize.UnsupportedFeature;
import dev.foresight.kustomize.patch.OpenApiSession;
import dev.foresight.kustomize.resource.Resource;
import dev.foresight.kustomize.resource.ResourceList;
import dev.foresight.kustomize.transform.BuiltinTransformers;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A whole {@code kustomize build DIR} (krusty's Kustomizer.Run and KustTarget.makeCustomizedResMap):
 * accumulate the target, add the name hashes, fix name references, resolve vars, drop local
 * configs, sort, apply buildMetadata.
 */
public final class Build {

  /** The label {@code buildMetadata: [managedByLabel]} adds. */
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY_VALUE = "kustomize-v5.5.0";
  static final String LOCAL_CONFIG = "config.kubernetes.io/local-config";

  private Build() {}

  public static ResourceList run(FileTree tree, String dir, YamlParser parser) throws KustomizeException {
    return run(tree, dir, parser, null);
  }

  /** As {@link #run(FileTree, String, YamlParser)}, memoising sub-builds in {@code memo} (may be null). */
  public static ResourceList run(FileTree tree, String dir, YamlParser parser, BuildMemo memo)
      throws KustomizeException {
    return run(tree, dir, parser, memo, LoadRestrictor.ROOT_ONLY);
  }

  /** As {@link #run(FileTree, String, YamlParser, BuildMemo)} under {@code restrictor}. */
  public static ResourceList run(FileTree tree, String dir, YamlParser parser, BuildMemo memo,
      LoadRestrictor restrictor) throws KustomizeException {
    return run(tree, dir, parser, memo, restrictor, new ArrayList<>());
  }

  /**
   * As {@link #run(FileTree, String, YamlParser, BuildMemo, LoadRestrictor)}, adding the warnings
   * kustomize prints on stderr to {@code warnings} in its order, as they arise (a failing build
   * leaves those printed before the error).
   */
  public static ResourceList run(FileTree tree, String dir, YamlParser parser, BuildMemo memo,
      LoadRestrictor restrictor, List<BuildWarning> warnings) throws KustomizeException {
    try (OpenApiSession schema = OpenApiSession.open()) {
      return build(tree, dir, parser, memo, restrictor, warnings);
    }
  }

  private static ResourceList build(FileTree tree, String dir, YamlParser parser, BuildMemo memo,
      LoadRestrictor restrictor, List<BuildWarning> warnings) throws KustomizeException {
    String root;
    try {
      root = TreePath.normalize(dir);
    } catch (IllegalArgumentException e) {
      throw new KustomizeException(e.getMessage());
    }
    KustTarget target = KustTarget.load(tree, root, parser, memo, restrictor, warnings);
    target.applyOpenApi(true);
    Kustomization top = target.kustomization();
    List<String> buildMetadata = top.strings("buildMetadata");
    for (String option : buildMetadata) {
      switch (option) {
        case "managedByLabel", "originAnnotations", "transformerAnnotations" -> { }
        default -> throw KustomizeException.at(top.file(), "buildMetadata", 0, "invalid buildMetadata option: "
            + option + " (one of originAnnotations, transformerAnnotations, managedByLabel)");
      }
    }
    Accumulator ra = target.accumulate();
    for (Resource r : ra.resources) {
      if (r.needsHashSuffix()) {
        r.rename(r.name() + "-" + NameHasher.hash(r));
      }
    }
    BuiltinTransformers.fixNameReferences(ra.resources, ra.config);
    BuiltinTransformers.resolveVars(ra.resources, new ArrayList<>(ra.vars.values()), ra.config);
    ra.resources.all().removeIf(r -> {
      String local = r.stringMap("annotations").get(LOCAL_CONFIG);
      return local != null && !local.equals("false");
    });
    ResourceOrder.apply(ra.resources, top.node().getMap("sortOptions"), top.file());
    if (buildMetadata.contains("managedByLabel")) {
      for (Resource r : ra.resources) {
        r.metadata().getOrCreateMap("labels").put(MANAGED_BY_LABEL, MANAGED_BY_VALUE);
      }
    }
    for (Resource r : ra.resources) {
      if (!buildMetadata.contains("originAnnotations")) {
        removeAnnotation(r, Origin.ORIGIN_ANNOTATION);
      }
      if (!buildMetadata.contains("transformerAnnotations")) {
        removeAnnotation(r, Origin.TRANSFORMATIONS_ANNOTATION);
      }
      stringifyAnnotations(r);
    }
    return ra.resources;
  }

  private static void removeAnnotation(Resource r, String key) {
    MapNode metadata = r.node().getMap("metadata");
    MapNode annotations = metadata == null ? null : metadata.getMap("annotations");
    if (annotations != null) {
      annotations.remove(key);
    }
  }

  /**
   * As kustomize rewrites them at the end of every build (the origin/transformer annotations are
   * removed with kyaml's SetAnnotations, which clears the field and writes back the map it read):
   * sorted, every value a string; a field that is not a non-empty map — {@code {}}, {@code null},
   * {@code ~}, no value, {@code []}, any scalar — is dropped, since kyaml reads it as an empty map.
   * Only top-level {@code metadata.annotations}: {@code labels} and nested template metadata are
   * never rewritten, so a null there is printed as such.
   */
  static void stringifyAnnotations(Resource r) {
    MapNode metadata = r.node().getMap("metadata");
    if (metadata == null || !metadata.has("annotations")) {
      return;
    }
    if (!(metadata.get("annotations") instanceof MapNode annotations) || annotations.isEmpty()) {
      metadata.remove("annotations");
      return;
    }
    Map<String, String> values = new TreeMap<>(r.stringMap("annotations"));
    metadata.remove("annotations");
    MapNode rewritten = metadata.getOrCreateMap("annotations");
    values.forEach((k, v) -> rewritten.put(k, ScalarNode.string(v)));
  }
}
