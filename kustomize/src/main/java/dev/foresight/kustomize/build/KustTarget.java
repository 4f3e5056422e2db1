package dev.foresight.kustomize.build;

import dev.foresight.kustomize.BuildWarning;
import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.LoadRestrictor;
import dev.foresight.kustomize.UnsupportedFeature;
import dev.foresight.kustomize.patch.OpenApiSession;
import dev.foresight.kustomize.patch.Patches;
import dev.foresight.kustomize.resource.ResId;
import dev.foresight.kustomize.resource.Resource;
import dev.foresight.kustomize.transform.BuiltinTransformers;
import dev.foresight.kustomize.transform.TransformerConfig;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.SeqNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One kustomization being built (kustomize's KustTarget): resources (files and sub-kustomizations,
 * each built by its own target), configurations and crds, generators, components, then the builtin
 * transformers in kustomize's order, then vars.
 */
public final class KustTarget {

  private static final Pattern REMOTE = Pattern.compile(
      "^(https?://|git::|git@|ssh://|file://|github\\.com[/:]|gitlab\\.com[/:]|bitbucket\\.org[/:]).*"
          + "|.*\\?(ref|version|submodules|timeout)=.*|.*\\.git(//.*)?$");

  private final FileTree tree;
  private final YamlParser parser;
  private final Kustomization kustomization;
  private final FileLoader loader;
  /** The directories of this target and of every target that led to it (cycle detection). */
  private final List<String> chain;
  /**
   * Where this target's directory lies relative to the build root, when the build tracks origins
   * (the top kustomization has {@code buildMetadata}); null otherwise.
   */
  private final Origin origin;
  /** Where sub-builds of {@code resources:} directories are memoised; null for none. */
  private final BuildMemo memo;
  /** RootOnly or None, for every file this target and its sub-targets read. */
  private final LoadRestrictor restrictor;
  /** The build's warnings, shared by every target of it, in the order kustomize prints them. */
  private final List<BuildWarning> warnings;

  KustTarget(FileTree tree, YamlParser parser, Kustomization kustomization, List<String> referrers) {
    this(tree, parser, kustomization, referrers, null, null);
  }

  KustTarget(FileTree tree, YamlParser parser, Kustomization kustomization, List<String> referrers,
      Origin origin, BuildMemo memo) {
    this(tree, parser, kustomization, referrers, origin, memo, LoadRestrictor.ROOT_ONLY);
  }

  KustTarget(FileTree tree, YamlParser parser, Kustomization kustomization, List<String> referrers,
      Origin origin, BuildMemo memo, LoadRestrictor restrictor) {
    this(tree, parser, kustomization, referrers, origin, memo, restrictor, new ArrayList<>());
  }

  private KustTarget(FileTree tree, YamlParser parser, Kustomization kustomization, List<String> referrers,
      Origin origin, BuildMemo memo, LoadRestrictor restrictor, List<BuildWarning> warnings) {
    this.warnings = warnings;
    this.restrictor = restrictor;
    this.origin = origin;
    this.memo = memo;
    this.tree = tree;
    this.parser = parser;
    this.kustomization = kustomization;
    this.loader = new FileLoader(tree, kustomization.dir(), kustomization.file(), restrictor);
    this.chain = new ArrayList<>(referrers);
    this.chain.add(kustomization.dir());
  }

  /** Loads the kustomization of {@code dir} (the build's entry point). */
  public static KustTarget load(FileTree tree, String dir, YamlParser parser) throws KustomizeException {
    return load(tree, dir, parser, null);
  }

  /** As {@link #load(FileTree, String, YamlParser)}, memoising sub-builds in {@code memo} (may be null). */
  public static KustTarget load(FileTree tree, String dir, YamlParser parser, BuildMemo memo)
      throws KustomizeException {
    return load(tree, dir, parser, memo, LoadRestrictor.ROOT_ONLY);
  }

  /** As {@link #load(FileTree, String, YamlParser, BuildMemo)} under {@code restrictor}. */
  public static KustTarget load(FileTree tree, String dir, YamlParser parser, BuildMemo memo,
      LoadRestrictor restrictor) throws KustomizeException {
    return load(tree, dir, parser, memo, restrictor, new ArrayList<>());
  }

  /**
   * As {@link #load(FileTree, String, YamlParser, BuildMemo, LoadRestrictor)}, adding the build's
   * warnings to {@code warnings} as they arise (so a failed build keeps those printed before it failed).
   */
  public static KustTarget load(FileTree tree, String dir, YamlParser parser, BuildMemo memo,
      LoadRestrictor restrictor, List<BuildWarning> warnings) throws KustomizeException {
    Kustomization k = KustomizationLoader.load(tree, dir, parser, warnings);
    return new KustTarget(tree, parser, k, List.of(), k.strings("buildMetadata").isEmpty() ? null : Origin.root(),
        memo, restrictor, warnings);
  }

  public Kustomization kustomization() {
    return kustomization;
  }

  /** Builds this target into a fresh accumulator. */
  Accumulator accumulate() throws KustomizeException {
    return accumulate(new Accumulator(TransformerConfig.empty()));
  }

  /**
   * Builds this target into {@code ra}: empty for a Kustomization, the parent's for a Component.
   */
  Accumulator accumulate(Accumulator ra) throws KustomizeException {
    refuseUnsupported();
    MapNode k = kustomization.node();
    accumulateResources(ra, kustomization.strings("resources"));
    // kustomize's order: builtin + (configurations merged from empty), then merged into the
    // accumulator's config; each merge sorts, and a later spec that an earlier one already covers
    // (same path, the earlier's GVK selected by the later's) is dropped, so a kind-specific
    // configuration spec can hide the builtin catch-all one.
    TransformerConfig loaded = TransformerConfig.empty();
    for (String configuration : kustomization.strings("configurations")) {
      String text = text(loader.load(configuration, "configurations"));
      for (Node doc : parser.parseAll(text, loader.resolve(configuration, "configurations"))) {
        loaded = loaded.merge(TransformerConfig.parse(doc, loader.resolve(configuration, "configurations")));
      }
    }
    TransformerConfig builtin = TransformerConfig.builtin();
    ra.config = ra.config.merge(kustomization.strings("configurations").isEmpty() ? builtin : builtin.merge(loaded));
    TransformerConfig crdConfig = TransformerConfig.empty();
    for (String crd : kustomization.strings("crds")) {
      String text = text(loader.load(crd, "crds"));
      String path = loader.resolve(crd, "crds");
      crdConfig = crdConfig.merge(TransformerConfig.fromCrds(parser.parseAll(text, path), path));
    }
    ra.config = ra.config.merge(crdConfig);
    for (Resource generated : Generators.generate(kustomization, loader)) {
      if (origin != null && Origin.of(generated) == null) {
        origin.builtin(kustomization.fileName(), generated.kind().equals("Secret") ? "SecretGenerator"
            : "ConfigMapGenerator").setOn(generated);
      }
      ra.absorb(generated);
    }
    runExternalGenerators(ra);
    for (String component : kustomization.strings("components")) {
      accumulateComponent(ra, component);
    }
    BuildContext ctx = new BuildContext(tree, kustomization.dir(), kustomization.file(), ra.config, restrictor);
    Patches.strategicMerge(ra.resources, k, ctx);
    recordBuiltin(ra, "PatchStrategicMergeTransformer", count(k, "patchesStrategicMerge") > 0 ? 1 : 0);
    Patches.patches(ra.resources, k, ctx);
    recordBuiltin(ra, "PatchTransformer", count(k, "patches"));
    BuiltinTransformers.namespace(ra.resources, k, ctx);
    recordBuiltin(ra, "NamespaceTransformer", nonEmpty(k, "namespace") ? 1 : 0);
    BuiltinTransformers.prefixSuffix(ra.resources, k, ctx);
    recordBuiltin(ra, "PrefixTransformer", nonEmpty(k, "namePrefix") ? 1 : 0);
    recordBuiltin(ra, "SuffixTransformer", nonEmpty(k, "nameSuffix") ? 1 : 0);
    BuiltinTransformers.labels(ra.resources, k, ctx);
    recordBuiltin(ra, "LabelTransformer", count(k, "labels")
        + (count(k, "labels") > 0 || mapSize(k, "commonLabels") > 0 ? 1 : 0));
    BuiltinTransformers.annotations(ra.resources, k, ctx);
    recordBuiltin(ra, "AnnotationsTransformer", mapSize(k, "commonAnnotations") > 0 ? 1 : 0);
    Patches.json6902(ra.resources, k, ctx);
    recordBuiltin(ra, "PatchJson6902Transformer", count(k, "patchesJson6902"));
    BuiltinTransformers.replicas(ra.resources, k, ctx);
    recordBuiltin(ra, "ReplicaCountTransformer", count(k, "replicas"));
    BuiltinTransformers.images(ra.resources, k, ctx);
    recordBuiltin(ra, "ImageTagTransformer", count(k, "images") + count(k, "imageTags"));
    BuiltinTransformers.replacements(ra.resources, k, ctx);
    recordBuiltin(ra, "ReplacementTransformer", count(k, "replacements") > 0 ? 1 : 0);
    runExternalTransformers(ra, ctx);
    runValidators(ra, ctx);
    mergeVars(ra);
    return ra;
  }

  private void refuseUnsupported() throws UnsupportedFeature {
    MapNode k = kustomization.node();
    for (String field : List.of("helmCharts", "helmGlobals", "helmChartInflationGenerator")) {
      if (k.has(field)) {
        throw new UnsupportedFeature(field, kustomization.file());
      }
    }
  }

  /**
   * The builtin transformer {@code kind} was configured {@code times} times by this kustomization's
   * fields: each records itself on every resource (kustomize's AddTransformerAnnotation).
   */
  private void recordBuiltin(Accumulator ra, String kind, int times) {
    if (origin == null) {
      return;
    }
    Origin transformer = origin.builtin(kustomization.fileName(), kind);
    for (int i = 0; i < times; i++) {
      for (Resource r : ra.resources) {
        transformer.recordTransformationOn(r);
      }
    }
  }

  private static int count(MapNode k, String field) {
    return k.get(field) instanceof SeqNode seq ? seq.items().size() : 0;
  }

  private static int mapSize(MapNode k, String field) {
    return k.get(field) instanceof MapNode m ? m.entries().size() : 0;
  }

  private static boolean nonEmpty(MapNode k, String field) {
    String value = k.getString(field);
    return value != null && !value.isEmpty();
  }

  /** {@code generators}: plugin configs (inline, files or kustomization directories) run after the builtin ones. */
  private void runExternalGenerators(Accumulator ra) throws KustomizeException {
    for (Resource config : pluginConfigs("generators")) {
      Origin generatorOrigin = Origin.ofPluginConfig(config);
      for (Resource generated : BuiltinPlugins.generate(config, loader, "generators")) {
        if (generatorOrigin != null && Origin.of(generated) == null) {
          generatorOrigin.setOn(generated);
        }
        ra.absorb(generated);
      }
    }
  }

  /** {@code transformers}: plugin configs run in order after the builtin transformers. */
  private void runExternalTransformers(Accumulator ra, BuildContext ctx) throws KustomizeException {
    for (Resource config : pluginConfigs("transformers")) {
      Origin transformerOrigin = Origin.ofPluginConfig(config);
      BuiltinPlugins.transform(config, ra.resources, ctx, "transformers");
      if (transformerOrigin != null) {
        for (Resource r : ra.resources) {
          transformerOrigin.recordTransformationOn(r);
        }
      }
    }
  }

  /** {@code validators}: transformer configs that must leave the resources unchanged. */
  private void runValidators(Accumulator ra, BuildContext ctx) throws KustomizeException {
    for (Resource config : pluginConfigs("validators")) {
      dev.foresight.kustomize.resource.ResourceList copy = ra.resources.copy();
      BuiltinPlugins.transform(config, copy, ctx, "validators");
      List<Node> before = new ArrayList<>();
      ra.resources.forEach(r -> before.add(r.node()));
      List<Node> after = new ArrayList<>();
      copy.forEach(r -> after.add(r.node()));
      if (!dev.foresight.kustomize.yaml.Yaml.emitAll(before).equals(dev.foresight.kustomize.yaml.Yaml.emitAll(after))) {
        throw KustomizeException.at(kustomization.file(), "validators", 0, "validator shouldn't modify the resource "
            + "map: " + config.kind() + " '" + config.name() + "' changed the resources (list it under 'transformers')");
      }
    }
  }

  /**
   * The plugin configs a {@code generators} / {@code transformers} / {@code validators} field lists:
   * inline YAML objects (origin: this kustomization file), then files and kustomization directories
   * (built like resources).
   */
  private List<Resource> pluginConfigs(String field) throws KustomizeException {
    Accumulator configs = new Accumulator(TransformerConfig.builtin());
    List<String> paths = new ArrayList<>();
    for (String entry : kustomization.strings(field)) {
      List<Resource> inline = inlineConfigs(entry);
      if (inline == null) {
        paths.add(entry);
        continue;
      }
      for (Resource r : inline) {
        if (origin != null) {
          origin.append(kustomization.fileName()).setOn(r);
        }
        configs.append(r);
      }
    }
    accumulateResources(configs, paths);
    return new ArrayList<>(configs.resources.all());
  }

  /** The objects of an inline plugin config, or null when {@code entry} is a path. */
  private List<Resource> inlineConfigs(String entry) {
    List<Node> docs;
    try {
      docs = parser.parseAll(entry, kustomization.file());
    } catch (KustomizeException e) {
      return null;
    }
    List<Resource> out = new ArrayList<>();
    for (Node doc : docs) {
      if (doc instanceof ScalarNode s && (s.isNull() || s.value().isEmpty())) {
        continue;
      }
      if (!(doc instanceof MapNode map) || map.getString("kind") == null) {
        return null;
      }
      out.add(new Resource(map, kustomization.file()));
    }
    return out.isEmpty() ? null : out;
  }

  private void accumulateResources(Accumulator ra, List<String> paths) throws KustomizeException {
    // nothing transforms ra's resources while its resources are gathered: one id index serves
    var index = ra.index();
    for (String path : paths) {
      String target = loader.resolve(path, "resources");
      boolean file;
      boolean dir;
      try {
        file = tree.isFile(target);
        dir = !file && tree.isDirectory(target);
      } catch (IOException e) {
        throw KustomizeException.at(kustomization.file(), "resources", 0, "cannot read '" + path + "': "
            + e.getMessage());
      }
      if (file) {
        String refusal;
        try {
          refusal = FileLoader.refusal(tree, target, kustomization.dir(), restrictor);
        } catch (IOException e) {
          throw KustomizeException.at(kustomization.file(), "resources", 0, "cannot read '" + path + "': "
              + e.getMessage());
        }
        if (refusal != null) {
          throw KustomizeException.at(kustomization.file(), "resources", 0, "accumulating resources: security; file '"
              + path + "' is not in or below '" + KustomizationLoader.display(kustomization.dir()) + "'" + refusal
              + LoadRestrictor.hint());
        }
        byte[] bytes = loader.load(path, "resources");
        for (Resource resource : ResourceReader.read(text(bytes), target, parser)) {
          if (origin != null) {
            origin.append(path).setOn(resource);
          }
          OpenApiSession.current().noteScopeCheck(resource.apiVersion(), resource.kind());
          ra.append(resource, index);
        }
      } else if (dir) {
        ra.merge(subBuild(target, path), index);
      } else if (REMOTE.matcher(path).matches()) {
        throw new UnsupportedFeature("resources: remote '" + path + "'", kustomization.file());
      } else {
        throw KustomizeException.at(kustomization.file(), "resources", 0, "accumulating resources: accumulation err="
            + "'accumulating resources from '" + path + "': open " + target + ": no such file or directory': "
            + "must build at directory: not a valid directory: '" + target + "' does not exist");
      }
    }
  }

  private void accumulateComponent(Accumulator ra, String path) throws KustomizeException {
    String target = loader.resolve(path, "components");
    try {
      if (!tree.isDirectory(target)) {
        if (REMOTE.matcher(path).matches()) {
          throw new UnsupportedFeature("components: remote '" + path + "'", kustomization.file());
        }
        throw KustomizeException.at(kustomization.file(), "components", 0, "accumulating components: loader.New "
            + "\"must build at directory: '" + target + "': " + (tree.isFile(target) ? "file is not directory"
            : "no such directory") + "\" (components are directories holding a kind: Component kustomization)");
      }
    } catch (IOException e) {
      throw KustomizeException.at(kustomization.file(), "components", 0, e.getMessage());
    }
    KustTarget sub = child(target, path);
    if (!sub.kustomization.isComponent()) {
      throw KustomizeException.at(kustomization.file(), "components", 0, "accumulating components: "
          + "accumulateDirectory: \"expected kind '" + Kustomization.COMPONENT + "' for path '" + target
          + "' but got '" + sub.kustomization.kind() + "'\" (list a Kustomization under 'resources')");
    }
    sub.accumulate(ra);
  }

  /**
   * The accumulated result of the kustomization directory {@code target} listed under
   * {@code resources:} (an independent build), from the memo when it holds one for the same
   * content.
   */
  private Accumulator subBuild(String target, String path) throws KustomizeException {
    OpenApiSession session = OpenApiSession.current();
    Object state = memo == null || origin != null ? null : session.memoState();
    // what a sub-build may read depends on the restrictor: it is part of the memo key
    Object before = state == null ? null : List.of(restrictor, state);
    if (before != null) {
      checkCycle(target, path);
      try {
        Accumulator hit = memo.lookup(tree, target, parser, chain, before, warnings);
        if (hit != null) {
          return hit;
        }
      } catch (IOException e) {
        throw KustomizeException.at(kustomization.file(), "resources", 0, "cannot read '" + path + "': "
            + e.getMessage());
      }
    }
    RecordingFileTree recorder = before == null ? null : new RecordingFileTree(tree);
    int firstWarning = warnings.size();
    KustTarget sub = child(recorder == null ? tree : recorder, target, path);
    if (sub.kustomization.isComponent()) {
      throw KustomizeException.at(kustomization.file(), "resources", 0, "accumulating resources: expected kind != '"
          + Kustomization.COMPONENT + "' for path '" + target + "' (list a Component under 'components')");
    }
    Accumulator result = sub.accumulate();
    if (recorder != null) {
      memo.noteBuild();
      memo.store(target, parser, recorder, before, session.memoState(), result,
          List.copyOf(warnings.subList(firstWarning, warnings.size())));
    }
    return result;
  }

  private void checkCycle(String dir, String path) throws KustomizeException {
    for (String visited : chain) {
      if (FileLoader.within(visited, dir)) {
        throw KustomizeException.at(kustomization.file(), null, 0, "cycle detected: candidate root '"
            + KustomizationLoader.display(dir) + "' contains visited root '" + KustomizationLoader.display(visited)
            + "' (reached through '" + path + "')");
      }
    }
  }

  private KustTarget child(String dir, String path) throws KustomizeException {
    return child(tree, dir, path);
  }

  private KustTarget child(FileTree tree, String dir, String path) throws KustomizeException {
    checkCycle(dir, path);
    RecordingFileTree.enteredRoot(tree, dir);
    Kustomization k;
    try {
      k = KustomizationLoader.load(tree, dir, parser, warnings);
    } catch (UnsupportedFeature e) {
      throw e;
    } catch (KustomizeException e) {
      throw new KustomizeException("couldn't make target for path '" + dir + "' (from " + kustomization.file()
          + "): " + e.getMessage(), e);
    }
    KustTarget sub = new KustTarget(tree, parser, k, chain, origin == null ? null : origin.append(path), memo,
        restrictor, warnings);
    sub.applyOpenApi(false);
    return sub;
  }

  /**
   * kustomize's {@code openapi.SetSchema} for this kustomization's {@code openapi:} field: the
   * file of {@code path} is read (an error when missing) even when an earlier kustomization
   * already set the build's schema; {@code top} is the build's entry point, which always wins.
   */
  void applyOpenApi(boolean top) throws KustomizeException {
    if (!(kustomization.node().get("openapi") instanceof MapNode field)) {
      return;
    }
    java.util.Map<String, String> entries = new java.util.LinkedHashMap<>();
    for (MapNode.Entry e : field.entries()) {
      entries.put(e.key().value(), e.value() instanceof dev.foresight.kustomize.yaml.ScalarNode s && !s.isNull()
          ? s.value() : "");
    }
    OpenApiSession.SchemaDocument document = null;
    String path = entries.get("path");
    if (path != null) {
      String text = text(loader.load(path, "openapi"));
      String file = loader.resolve(path, "openapi");
      document = () -> {
        List<Node> docs = parser.parseAll(text, file);
        return docs.isEmpty() ? null : docs.get(0);
      };
    }
    OpenApiSession.current().setSchema(entries, document, kustomization.file(), top);
  }

  private void mergeVars(Accumulator ra) throws KustomizeException {
    List<MapNode> vars = kustomization.maps("vars");
    for (MapNode var : vars) {
      try {
        BuiltinTransformers.bindVar(ra.resources, var);
      } catch (KustomizeException e) {
        throw KustomizeException.at(kustomization.file(), "vars", var.line(), e.getMessage());
      }
    }
    for (MapNode var : vars) {
      ra.addVar(GeneratorArgs.string(var, "name"), var);
    }
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
