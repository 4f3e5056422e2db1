package dev.foresight.kustomize.build;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.UnsupportedFeature;
import dev.foresight.kustomize.patch.Patches;
import dev.foresight.kustomize.resource.Resource;
import dev.foresight.kustomize.resource.ResourceList;
import dev.foresight.kustomize.transform.BuiltinTransformers;
import dev.foresight.kustomize.transform.FieldSpec;
import dev.foresight.kustomize.transform.ImageTransformer;
import dev.foresight.kustomize.transform.MapEntryTransformer;
import dev.foresight.kustomize.transform.NameAffixTransformer;
import dev.foresight.kustomize.transform.NamespaceTransformer;
import dev.foresight.kustomize.transform.ReplicaTransformer;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.SeqNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builtin plugins configured by a plugin config object ({@code apiVersion: builtin}) listed under
 * a kustomization's {@code generators}, {@code transformers} or {@code validators} (kustomize's
 * builtinhelpers and plugin loader). Each config's fields are those of the plugin's struct; the
 * config is run with the listing kustomization's directory as its file root. Exec, Go and KRM
 * function plugins are not run: they are reported as unsupported.
 */
final class BuiltinPlugins {

  private BuiltinPlugins() {}

  /** Whether {@code config} names a builtin plugin (no group, version {@code builtin}). */
  static boolean isBuiltin(Resource config) {
    return config.apiVersion().equals("builtin");
  }

  /** Runs a generator config, returning what it generates (hash flags and behaviors set). */
  static List<Resource> generate(Resource config, FileLoader loader, String field) throws KustomizeException {
    requireBuiltin(config, field, loader.file());
    MapNode c = config.node();
    switch (config.kind()) {
      case "ConfigMapGenerator", "SecretGenerator" -> {
        MapNode args = c.copy();
        if (GeneratorArgs.string(args, "name").isEmpty()) {
          args.put("name", config.name());
        }
        if (GeneratorArgs.string(args, "namespace").isEmpty() && !config.namespace().isEmpty()) {
          args.put("namespace", config.namespace());
        }
        Resource generated = Generators.generate(args, null, config.kind().equals("SecretGenerator"), loader,
            field + " " + config.kind() + " '" + config.name() + "'");
        return List.of(generated);
      }
      case "IAMPolicyGenerator" -> {
        return List.of(iamPolicy(c, config, loader.file()));
      }
      case "HelmChartInflationGenerator" -> throw new UnsupportedFeature(field + ": builtin " + config.kind(),
          loader.file());
      default -> throw notLoadable(config, TRANSFORMERS, "generator", loader.file(), field);
    }
  }

  /** Runs a transformer config over {@code resources}. */
  static void transform(Resource config, ResourceList resources, BuildContext ctx, String field)
      throws KustomizeException {
    requireBuiltin(config, field, ctx.file());
    MapNode c = config.node();
    String where = field + " " + config.kind() + " '" + config.name() + "'";
    switch (config.kind()) {
      case "NamespaceTransformer" -> new NamespaceTransformer(config.namespace(), specs(c, ctx, where),
          GeneratorArgs.bool(c, "unsetOnly"), subjectMode(GeneratorArgs.string(c, "setRoleBindingSubjects"), ctx, where))
          .apply(resources);
      case "PrefixSuffixTransformer" -> {
        List<FieldSpec> specs = requiredSpecs(c, ctx, where);
        new NameAffixTransformer(GeneratorArgs.string(c, "prefix"), true, specs).apply(resources);
        new NameAffixTransformer(GeneratorArgs.string(c, "suffix"), false, specs).apply(resources);
      }
      case "PrefixTransformer" ->
          new NameAffixTransformer(GeneratorArgs.string(c, "prefix"), true, requiredSpecs(c, ctx, where))
              .apply(resources);
      case "SuffixTransformer" ->
          new NameAffixTransformer(GeneratorArgs.string(c, "suffix"), false, requiredSpecs(c, ctx, where))
              .apply(resources);
      case "LabelTransformer" ->
          new MapEntryTransformer(stringMap(c, "labels"), specs(c, ctx, where)).apply(resources);
      case "AnnotationsTransformer" ->
          new MapEntryTransformer(stringMap(c, "annotations"), specs(c, ctx, where)).apply(resources);
      case "ImageTagTransformer" -> {
        MapNode i = c.getMap("imageTag");
        new ImageTransformer(new ImageTransformer.Image(GeneratorArgs.string(i, "name"),
            GeneratorArgs.string(i, "newName"), GeneratorArgs.string(i, "newTag"), GeneratorArgs.string(i, "digest"),
            GeneratorArgs.string(i, "tagSuffix")), specs(c, ctx, where)).apply(resources);
      }
      case "ReplicaCountTransformer" -> {
        MapNode r = c.getMap("replica");
        String count = GeneratorArgs.string(r, "count");
        long n;
        try {
          n = count.isEmpty() ? 0 : Long.parseLong(count);
        } catch (NumberFormatException e) {
          throw KustomizeException.at(ctx.file(), field, c.line(), where + ": replica.count must be an integer, not '"
              + count + "'");
        }
        new ReplicaTransformer(GeneratorArgs.string(r, "name"), n, specs(c, ctx, where)).apply(resources);
      }
      case "PatchTransformer" -> Patches.patches(resources, wrap("patches", patchEntry(c)), ctx);
      case "PatchStrategicMergeTransformer" -> {
        SeqNode entries = new SeqNode();
        for (String path : GeneratorArgs.strings(c, "paths")) {
          entries.add(ScalarNode.string(path));
        }
        String inline = GeneratorArgs.string(c, "patches");
        if (!inline.isEmpty()) {
          entries.add(ScalarNode.string(inline));
        }
        if (entries.items().isEmpty()) {
          throw KustomizeException.at(ctx.file(), field, c.line(), where + ": empty file path and empty patch content");
        }
        Patches.strategicMerge(resources, wrap("patchesStrategicMerge", entries), ctx);
      }
      case "PatchJson6902Transformer" -> {
        MapNode entry = new MapNode();
        copy(c, entry, "target", "target");
        copy(c, entry, "path", "path");
        copy(c, entry, "jsonOp", "patch");
        SeqNode entries = new SeqNode();
        entries.add(entry);
        Patches.json6902(resources, wrap("patchesJson6902", entries), ctx);
      }
      case "ReplacementTransformer" -> {
        MapNode k = new MapNode();
        copy(c, k, "replacements", "replacements");
        BuiltinTransformers.replacements(resources, k, ctx);
      }
      case "HashTransformer" -> {
        for (Resource r : resources) {
          if (r.needsHashSuffix()) {
            r.rename(r.name() + "-" + NameHasher.hash(r));
          }
        }
      }
      case "ValueAddTransformer" -> ValueAdd.configure(c, ctx, where).apply(resources);
      default -> throw notLoadable(config, GENERATORS, "transformer", ctx.file(), field);
    }
  }

  /** The builtin kinds kustomize can load (its generator and transformer factories). */
  private static final java.util.Set<String> GENERATORS = java.util.Set.of("ConfigMapGenerator", "SecretGenerator",
      "IAMPolicyGenerator", "HelmChartInflationGenerator");
  private static final java.util.Set<String> TRANSFORMERS = java.util.Set.of("AnnotationsTransformer",
      "HashTransformer", "ImageTagTransformer", "LabelTransformer", "NamespaceTransformer",
      "PatchJson6902Transformer", "PatchStrategicMergeTransformer", "PatchTransformer", "PrefixSuffixTransformer",
      "PrefixTransformer", "SuffixTransformer", "ReplacementTransformer", "ReplicaCountTransformer",
      "ValueAddTransformer");

  /** A builtin config of a kind kustomize has no plugin for, or of the other role. */
  private static KustomizeException notLoadable(Resource config, java.util.Set<String> otherRole, String role,
      String file, String field) {
    String id = config.kind() + ".builtin.[noGrp]/" + config.name() + "." + (config.namespace().isEmpty() ? "[noNs]"
        : config.namespace());
    if (otherRole.contains(config.kind())) {
      return KustomizeException.at(file, field, config.node().line(), "plugin " + id + " not a " + role
          + " (list it under '" + (role.equals("generator") ? "transformers" : "generators") + "')");
    }
    return KustomizeException.at(file, field, config.node().line(), "unable to load builtin " + config.kind()
        + ".builtin.[noGrp] (no builtin plugin of that kind; known: " + new java.util.TreeSet<>(GENERATORS) + ", "
        + new java.util.TreeSet<>(TRANSFORMERS) + ")");
  }

  private static void requireBuiltin(Resource config, String field, String file) throws UnsupportedFeature {
    if (!isBuiltin(config)) {
      throw new UnsupportedFeature(field + ": plugin " + config.apiVersion() + "/" + config.kind() + " '"
          + config.name() + "' (exec, Go and KRM function plugins are not run; only apiVersion: builtin configs)",
          file);
    }
  }

  private static Resource iamPolicy(MapNode c, Resource config, String file) throws KustomizeException {
    String cloud = GeneratorArgs.string(c, "cloud");
    if (!cloud.equals("gke")) {
      throw KustomizeException.at(file, "generators", c.line(), "IAMPolicyGenerator '" + config.name()
          + "': cloud provider " + cloud + " not supported yet (only gke)");
    }
    MapNode service = c.getMap("kubernetesService");
    MapNode account = c.getMap("serviceAccount");
    MapNode node = new MapNode();
    node.put("apiVersion", "v1");
    node.put("kind", "ServiceAccount");
    MapNode metadata = new MapNode();
    metadata.getOrCreateMap("annotations").put("iam.gke.io/gcp-service-account",
        GeneratorArgs.string(account, "name") + "@" + GeneratorArgs.string(account, "projectId")
            + ".iam.gserviceaccount.com");
    metadata.put("name", GeneratorArgs.string(service, "name"));
    String namespace = GeneratorArgs.string(service, "namespace");
    if (!namespace.isEmpty()) {
      metadata.put("namespace", namespace);
    }
    node.put("metadata", metadata);
    return new Resource(node, file);
  }

  private static List<FieldSpec> specs(MapNode c, BuildContext ctx, String where) throws KustomizeException {
    Node node = c.get("fieldSpecs");
    if (node == null || node instanceof ScalarNode s && s.isNull()) {
      return new ArrayList<>();
    }
    // plugin configs are read leniently (unknown keys ignored), as kustomize unmarshals them
    Node lenient = node.copy();
    if (lenient instanceof SeqNode seq) {
      for (Node item : seq.items()) {
        if (item instanceof MapNode m) {
          for (String key : m.keys()) {
            if (!FIELD_SPEC_KEYS.contains(key)) {
              m.remove(key);
            }
          }
        }
      }
    }
    return FieldSpec.parseList(lenient, ctx.file(), where + " fieldSpecs");
  }

  private static final java.util.Set<String> FIELD_SPEC_KEYS = java.util.Set.of("group", "version", "kind", "path",
      "create");

  private static List<FieldSpec> requiredSpecs(MapNode c, BuildContext ctx, String where) throws KustomizeException {
    Node node = c.get("fieldSpecs");
    if (node == null || node instanceof ScalarNode s && s.isNull()) {
      throw KustomizeException.at(ctx.file(), "transformers", c.line(), where
          + ": fieldSpecs is not expected to be nil (list the fields to change, e.g. - path: metadata/name)");
    }
    return specs(c, ctx, where);
  }

  private static NamespaceTransformer.SubjectMode subjectMode(String value, BuildContext ctx, String where)
      throws KustomizeException {
    return switch (value) {
      case "", "defaultOnly" -> NamespaceTransformer.SubjectMode.DEFAULT_ONLY;
      case "allServiceAccounts" -> NamespaceTransformer.SubjectMode.ALL_SERVICE_ACCOUNTS;
      case "none" -> NamespaceTransformer.SubjectMode.NONE;
      default -> throw KustomizeException.at(ctx.file(), "transformers", 0, where
          + ": invalid value \"" + value + "\" for setRoleBindingSubjects: must be one of \"defaultOnly\", \"none\" "
          + "or \"allServiceAccounts\"");
    };
  }

  private static Map<String, String> stringMap(MapNode c, String key) {
    return GeneratorArgs.ordered(GeneratorArgs.stringMap(c, key));
  }

  private static SeqNode patchEntry(MapNode c) {
    MapNode entry = new MapNode();
    for (String key : List.of("path", "patch", "target", "options")) {
      copy(c, entry, key, key);
    }
    SeqNode entries = new SeqNode();
    entries.add(entry);
    return entries;
  }

  private static void copy(MapNode from, MapNode to, String key, String as) {
    Node value = from.get(key);
    if (value != null) {
      to.put(as, value.copy());
    }
  }

  private static MapNode wrap(String field, Node value) {
    MapNode k = new MapNode();
    k.put(field, value);
    return k;
  }
}
