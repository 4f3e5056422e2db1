package dev.foresight.kustomize.build;

import dev.foresight.kustomize.BuildWarning;
import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.SeqNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds, reads and validates the kustomization of a directory as kustomize's
 * {@code KustTarget.Load} does: one of the recognised file names, strict fields, then
 * {@code FixKustomization} (bases, imageTags, env folded into resources, images, envs), the
 * emptiness check and the kind/apiVersion rules.
 */
public final class KustomizationLoader {

  /** kustomize's recognised file names, in its order. */
  public static final List<String> FILE_NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

  static final String KUSTOMIZATION_VERSION = "kustomize.config.k8s.io/v1beta1";
  static final String COMPONENT_VERSION = "kustomize.config.k8s.io/v1alpha1";

  private KustomizationLoader() {}

  /** True when {@code dir} holds a kustomization file. */
  public static boolean hasKustomization(FileTree tree, String dir) throws IOException {
    for (String name : FILE_NAMES) {
      if (tree.isFile(join(dir, name))) {
        return true;
      }
    }
    return false;
  }

  public static Kustomization load(FileTree tree, String dir, YamlParser parser) throws KustomizeException {
    return load(tree, dir, parser, new ArrayList<>());
  }

  /**
   * As {@link #load(FileTree, String, YamlParser)}, adding to {@code warnings} what kustomize's Load
   * prints for the file: its deprecated fields, once the file has been read (after the field
   * check, before it is fixed, validated and maybe rejected).
   */
  public static Kustomization load(FileTree tree, String dir, YamlParser parser, List<BuildWarning> warnings)
      throws KustomizeException {
    String found = null;
    byte[] content = null;
    int matches = 0;
    try {
      for (String name : FILE_NAMES) {
        Optional<byte[]> bytes = tree.read(join(dir, name));
        if (bytes.isPresent()) {
          matches++;
          found = name;
          content = bytes.get();
        }
      }
    } catch (IOException e) {
      throw new KustomizeException("cannot read the kustomization in '" + display(dir) + "': " + e.getMessage(), e);
    }
    if (matches == 0) {
      throw new KustomizeException("unable to find one of 'kustomization.yaml', 'kustomization.yml' or "
          + "'Kustomization' in directory '" + display(dir) + "'");
    }
    if (matches > 1) {
      throw new KustomizeException("Found multiple kustomization files under: " + display(dir)
          + " (keep one of " + String.join(", ", FILE_NAMES) + ")");
    }
    String file = join(dir, found);
    List<Node> docs = parser.parseKustomization(new String(content, StandardCharsets.UTF_8), file);
    MapNode node;
    if (docs.isEmpty() || docs.get(0) instanceof ScalarNode s && s.isNull()) {
      node = new MapNode();
    } else if (docs.get(0) instanceof MapNode m) {
      node = m;
    } else {
      throw KustomizeException.at(file, null, docs.get(0).line(),
          "invalid Kustomization: json: cannot unmarshal " + (docs.get(0) instanceof SeqNode ? "array" : "string")
              + " into Go value of type types.Kustomization");
    }
    FieldSchema.KUSTOMIZATION.check(node, file, "");
    warnings.addAll(BuildWarning.deprecations(new java.util.HashSet<>(node.keys()), file));
    fix(node);
    if (node.keys().stream().allMatch(k -> k.equals("apiVersion") || k.equals("kind"))) {
      throw KustomizeException.at(file, null, 0, "kustomization.yaml is empty");
    }
    List<String> errs = new ArrayList<>();
    String kind = node.getString("kind");
    if (!kind.equals(Kustomization.KIND) && !kind.equals(Kustomization.COMPONENT)) {
      errs.add("kind should be " + Kustomization.KIND + " or " + Kustomization.COMPONENT);
    }
    String required = kind.equals(Kustomization.COMPONENT) ? COMPONENT_VERSION : KUSTOMIZATION_VERSION;
    if (!required.equals(node.getString("apiVersion"))) {
      errs.add("apiVersion for " + kind + " should be " + required);
    }
    if (!errs.isEmpty()) {
      throw new KustomizeException("Failed to read kustomization file under " + display(dir) + ":\n"
          + String.join("\n", errs) + " (in " + file + ")");
    }
    return new Kustomization(node, dir, file, found);
  }

  /** kustomize's FixKustomization, on the node. */
  static void fix(MapNode node) {
    if (node.getString("kind") == null || node.getString("kind").isEmpty()) {
      node.put("kind", Kustomization.KIND);
    }
    if (node.getString("apiVersion") == null || node.getString("apiVersion").isEmpty()) {
      node.put("apiVersion", Kustomization.COMPONENT.equals(node.getString("kind")) ? COMPONENT_VERSION
          : KUSTOMIZATION_VERSION);
    }
    appendAndRemove(node, "bases", "resources");
    appendAndRemove(node, "imageTags", "images");
    for (String generator : List.of("configMapGenerator", "secretGenerator")) {
      if (node.getSeq(generator) != null) {
        for (Node item : node.getSeq(generator).items()) {
          if (item instanceof MapNode args && args.get("env") instanceof ScalarNode env) {
            args.remove("env");
            if (!env.value().isEmpty()) {
              seq(args, "envs").add(env);
            }
          }
        }
      }
    }
  }

  private static void appendAndRemove(MapNode node, String from, String to) {
    Node moved = node.remove(from);
    if (moved instanceof SeqNode items && !items.items().isEmpty()) {
      seq(node, to).items().addAll(items.items());
    }
  }

  private static SeqNode seq(MapNode map, String key) {
    SeqNode seq = map.getSeq(key);
    if (seq == null) {
      seq = new SeqNode();
      map.put(key, seq);
    }
    return seq;
  }

  static String join(String dir, String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
  }

  static String display(String dir) {
    return dir.isEmpty() ? "." : dir;
  }
}
