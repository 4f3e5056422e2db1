package dev.foresight.kustomize.transform;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.UnsupportedFeature;
import dev.foresight.kustomize.build.BuildContext;
import dev.foresight.kustomize.resource.ResourceList;
import dev.foresight.kustomize.yaml.MapNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The builtin transformers a kustomization's fields configure, each applied to the resources of
 * that kustomization (after its resources, generators and components are accumulated). Each
 * method reads its own fields from {@code kustomization} and does nothing when they are absent.
 * kustomize's order: patches, namespace, prefix/suffix, labels, annotations, json6902 patches,
 * replicas, images, replacements.
 */
public final class BuiltinTransformers {

  private BuiltinTransformers() {}

  /** {@code namespace}. */
  public static void namespace(ResourceList resources, MapNode kustomization, BuildContext ctx)
      throws KustomizeException {
    String ns = fields(kustomization, ctx).string("namespace");
    new NamespaceTransformer(ns, ctx.config().namespace(), false, NamespaceTransformer.SubjectMode.DEFAULT_ONLY)
        .apply(resources);
  }

  /** {@code namePrefix} and {@code nameSuffix}. */
  public static void prefixSuffix(ResourceList resources, MapNode kustomization, BuildContext ctx)
      throws KustomizeException {
    KustFields f = fields(kustomization, ctx);
    new NameAffixTransformer(f.string("namePrefix"), true, ctx.config().namePrefix()).apply(resources);
    new NameAffixTransformer(f.string("nameSuffix"), false, ctx.config().nameSuffix()).apply(resources);
  }

  /** {@code commonLabels} and {@code labels}. */
  public static void labels(ResourceList resources, MapNode kustomization, BuildContext ctx)
      throws KustomizeException {
    KustFields f = fields(kustomization, ctx);
    TransformerConfig tc = ctx.config();
    for (MapNode label : f.mapList("labels")) {
      Map<String, String> pairs = f.stringMap(label.get("pairs"), "labels");
      List<FieldSpec> fss = FieldSpec.parseList(label.get("fields"), f.file(), "labels");
      fss = TransformerConfig.mergeAll(fss, tc.labels());
      if (f.bool(label, "includeSelectors", "labels")) {
        fss = TransformerConfig.mergeAll(fss, tc.commonLabels());
      } else {
        if (f.bool(label, "includeTemplates", "labels")) {
          fss = TransformerConfig.mergeAll(fss, tc.templateLabels());
        }
        fss = TransformerConfig.mergeOne(fss, FieldSpec.of("metadata/labels", true));
      }
      new MapEntryTransformer(pairs, fss).apply(resources);
    }
    new MapEntryTransformer(f.stringMap(kustomization.get("commonLabels"), "commonLabels"), tc.commonLabels())
        .apply(resources);
  }

  /** {@code commonAnnotations}. */
  public static void annotations(ResourceList resources, MapNode kustomization, BuildContext ctx)
      throws KustomizeException {
    KustFields f = fields(kustomization, ctx);
    new MapEntryTransformer(f.stringMap(kustomization.get("commonAnnotations"), "commonAnnotations"),
        ctx.config().commonAnnotations()).apply(resources);
  }

  /** {@code replicas}. */
  public static void replicas(ResourceList resources, MapNode kustomization, BuildContext ctx)
      throws KustomizeException {
    KustFields f = fields(kustomization, ctx);
    for (MapNode entry : f.mapList("replicas")) {
      String count = f.scalar(entry.get("count"), "replicas");
      long n;
      try {
        n = count.isEmpty() ? 0 : Long.parseLong(count);
      } catch (NumberFormatException e) {
        throw KustomizeException.at(f.file(), "replicas", entry.line(), "count must be an integer, not '"
            + count + "'");
      }
      new ReplicaTransformer(f.scalar(entry.get("name"), "replicas"), n, ctx.config().replicas()).apply(resources);
    }
  }

  /** {@code images} (and the deprecated {@code imageTags}). */
  public static void images(ResourceList resources, MapNode kustomization, BuildContext ctx)
      throws KustomizeException {
    KustFields f = fields(kustomization, ctx);
    List<MapNode> entries = new ArrayList<>(f.mapList("images"));
    entries.addAll(f.mapList("imageTags"));
    List<ImageTransformer.Image> images = new ArrayList<>();
    for (MapNode e : entries) {
      images.add(new ImageTransformer.Image(f.scalar(e.get("name"), "images"),
          f.scalar(e.get("newName"), "images"), f.scalar(e.get("newTag"), "images"),
          f.scalar(e.get("digest"), "images"), f.scalar(e.get("tagSuffix"), "images")));
    }
    ImageTransformer.applyAll(images, ctx.config().images(), resources);
  }

  /** {@code replacements}. */
  public static void replacements(ResourceList resources, MapNode kustomization, BuildContext ctx)
      throws KustomizeException {
    List<ReplacementSpec> specs = ReplacementLoader.load(kustomization, ctx);
    if (specs.isEmpty()) {
      return;
    }
    try {
      ReplacementFilter.apply(resources, specs);
    } catch (KustomizeException e) {
      throw KustomizeException.at(ctx.file(), "replacements", 0, e.getMessage());
    }
  }

  /**
   * After all transformers of the whole build: references to renamed objects (ConfigMaps, Secrets,
   * ServiceAccounts, ...) follow the new names; RoleBinding subjects follow namespaces.
   */
  public static void fixNameReferences(ResourceList resources, TransformerConfig config) throws KustomizeException {
    new NameReferenceFixer(config.nameReference()).apply(resources);
  }

  /** {@code vars}: resolve {@code $(VAR)} references (after name references are fixed). */
  public static void resolveVars(ResourceList resources, java.util.List<MapNode> vars, TransformerConfig config)
      throws KustomizeException {
    VarResolver.of(vars, config.varReference()).apply(resources);
  }

  /**
   * A var declared by a kustomization, bound (kustomize's MergeVars) to the one resource accumulated
   * so far that its objref names; {@link #resolveVars} later reads the value from that resource.
   */
  public static void bindVar(ResourceList resources, MapNode var) throws KustomizeException {
    VarResolver.bind(resources, var);
  }

  private static KustFields fields(MapNode kustomization, BuildContext ctx) {
    return new KustFields(kustomization, ctx.file());
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
