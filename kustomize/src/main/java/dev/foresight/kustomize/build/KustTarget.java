package dev.foresight.kustomize.build;

import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.UnsupportedFeature;
import dev.foresight.kustomize.patch.Patches;
import dev.foresight.kustomize.resource.ResId;
import dev.foresight.kustomize.resource.Resource;
import dev.foresight.kustomize.transform.BuiltinTransformers;
import dev.foresight.kustomize.transform.TransformerConfig;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
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

  KustTarget(FileTree tree, YamlParser parser, Kustomization kustomization, List<String> referrers) {
    this.tree = tree;
    this.parser = parser;
    this.kustomization = kustomization;
    this.loader = new FileLoader(tree, kustomization.dir(), kustomization.file());
    this.chain = new ArrayList<>(referrers);
    this.chain.add(kustomization.dir());
  }

  /** Loads the kustomization of {@code dir} (the build's entry point). */
  public static KustTarget load(FileTree tree, String dir, YamlParser parser) throws KustomizeException {
    return new KustTarget(tree, parser, KustomizationLoader.load(tree, dir, parser), List.of());
  }

  public Kustomization kustomization() {
    return kustomization;
  }

  /** Builds this target into a fresh accumulator. */
  Accumulator accumulate() throws KustomizeException {
    return accumulate(new Accumulator(TransformerConfig.builtin()));
  }

  /**
   * Builds this target into {@code ra}: empty for a Kustomization, the parent's for a Component.
   */
  Accumulator accumulate(Accumulator ra) throws KustomizeException {
    refuseUnsupported();
    MapNode k = kustomization.node();
    accumulateResources(ra, kustomization.strings("resources"));
    for (String configuration : kustomization.strings("configurations")) {
      String text = text(loader.load(configuration, "configurations"));
      for (Node doc : parser.parseAll(text, loader.resolve(configuration, "configurations"))) {
        ra.config = ra.config.merge(TransformerConfig.parse(doc, loader.resolve(configuration, "configurations")));
      }
    }
    for (String crd : kustomization.strings("crds")) {
      String text = text(loader.load(crd, "crds"));
      String path = loader.resolve(crd, "crds");
      ra.config = ra.config.merge(TransformerConfig.fromCrds(parser.parseAll(text, path), path));
    }
    for (Resource generated : Generators.generate(kustomization, loader)) {
      ra.absorb(generated);
    }
    for (String component : kustomization.strings("components")) {
      accumulateComponent(ra, component);
    }
    BuildContext ctx = new BuildContext(tree, kustomization.dir(), kustomization.file(), ra.config);
    Patches.strategicMerge(ra.resources, k, ctx);
    Patches.patches(ra.resources, k, ctx);
    BuiltinTransformers.namespace(ra.resources, k, ctx);
    BuiltinTransformers.prefixSuffix(ra.resources, k, ctx);
    BuiltinTransformers.labels(ra.resources, k, ctx);
    BuiltinTransformers.annotations(ra.resources, k, ctx);
    Patches.json6902(ra.resources, k, ctx);
    BuiltinTransformers.replicas(ra.resources, k, ctx);
    BuiltinTransformers.images(ra.resources, k, ctx);
    BuiltinTransformers.replacements(ra.resources, k, ctx);
    mergeVars(ra);
    return ra;
  }

  private void refuseUnsupported() throws UnsupportedFeature {
    MapNode k = kustomization.node();
    for (String field : List.of("helmCharts", "helmGlobals", "helmChartInflationGenerator", "openapi",
        "generators", "transformers", "validators")) {
      if (k.has(field)) {
        throw new UnsupportedFeature(field, kustomization.file());
      }
    }
  }

  private void accumulateResources(Accumulator ra, List<String> paths) throws KustomizeException {
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
        if (!FileLoader.within(target, kustomization.dir())) {
          throw KustomizeException.at(kustomization.file(), "resources", 0, "accumulating resources: security; file '"
              + path + "' is not in or below '" + KustomizationLoader.display(kustomization.dir())
              + "' (a resource file must be in the kustomization's directory tree; list the directory that holds "
              + "it, with its own kustomization, instead)");
        }
        byte[] bytes = loader.load(path, "resources");
        for (Resource resource : ResourceReader.read(text(bytes), target, parser)) {
          ra.append(resource);
        }
      } else if (dir) {
        KustTarget sub = child(target, path);
        if (sub.kustomization.isComponent()) {
          throw KustomizeException.at(kustomization.file(), "resources", 0, "accumulating resources: expected kind != '"
              + Kustomization.COMPONENT + "' for path '" + target + "' (list a Component under 'components')");
        }
        try {
          ra.merge(sub.accumulate());
        } catch (UnsupportedFeature e) {
          throw e;
        }
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

  private KustTarget child(String dir, String path) throws KustomizeException {
    for (String visited : chain) {
      if (FileLoader.within(visited, dir)) {
        throw KustomizeException.at(kustomization.file(), null, 0, "cycle detected: candidate root '"
            + KustomizationLoader.display(dir) + "' contains visited root '" + KustomizationLoader.display(visited)
            + "' (reached through '" + path + "')");
      }
    }
    Kustomization k;
    try {
      k = KustomizationLoader.load(tree, dir, parser);
    } catch (UnsupportedFeature e) {
      throw e;
    } catch (KustomizeException e) {
      throw new KustomizeException("couldn't make target for path '" + dir + "' (from " + kustomization.file()
          + "): " + e.getMessage(), e);
    }
    return new KustTarget(tree, parser, k, chain);
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
