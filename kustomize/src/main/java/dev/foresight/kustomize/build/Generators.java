package dev.foresight.kustomize.build;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.resource.GeneratorBehavior;
import dev.foresight.kustomize.resource.Resource;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.ScalarStyle;
import dev.foresight.kustomize.yaml.Tags;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The builtin ConfigMap and Secret generators: one resource per {@code configMapGenerator} /
 * {@code secretGenerator} entry, ConfigMaps first, each flagged for the name hash unless
 * {@code disableNameSuffixHash}, with its {@code behavior}.
 */
public final class Generators {

  private Generators() {}

  static List<Resource> generate(Kustomization k, FileLoader loader) throws KustomizeException {
    List<Resource> out = new ArrayList<>();
    MapNode global = k.node().getMap("generatorOptions");
    List<MapNode> configMaps = k.maps("configMapGenerator");
    for (int i = 0; i < configMaps.size(); i++) {
      out.add(generate(configMaps.get(i), global, false, loader, "configMapGenerator[" + i + "]"));
    }
    List<MapNode> secrets = k.maps("secretGenerator");
    for (int i = 0; i < secrets.size(); i++) {
      out.add(generate(secrets.get(i), global, true, loader, "secretGenerator[" + i + "]"));
    }
    return out;
  }

  static Resource generate(MapNode args, MapNode global, boolean secret, FileLoader loader, String field)
      throws KustomizeException {
    String name = GeneratorArgs.string(args, "name");
    String namespace = GeneratorArgs.string(args, "namespace");
    if (name.isEmpty()) {
      throw KustomizeException.at(loader.file(), field + ".name", args.line(), "a configmap must have a name");
    }
    GeneratorArgs.Options options = GeneratorArgs.Options.merge(args.getMap("options"), global);
    KvPairs pairs = KvPairs.load(args, name, loader, field);

    MapNode node = new MapNode();
    node.put("apiVersion", "v1");
    node.put("kind", secret ? "Secret" : "ConfigMap");
    MapNode metadata = new MapNode();
    metadata.put("name", name);
    if (!namespace.isEmpty()) {
      metadata.put("namespace", namespace);
    }
    node.put("metadata", metadata);
    Map<String, byte[]> sorted = new TreeMap<>(pairs.values);
    if (secret) {
      String type = GeneratorArgs.string(args, "type");
      node.put("type", type.isEmpty() ? "Opaque" : type);
      MapNode data = new MapNode();
      sorted.forEach((k, v) -> data.put(k, valueNode(encodeBase64(v))));
      node.put("data", data);
    } else {
      for (Map.Entry<String, byte[]> e : sorted.entrySet()) {
        String text = KvPairs.utf8(e.getValue());
        String fieldName = text == null ? "binaryData" : "data";
        node.getOrCreateMap(fieldName).put(e.getKey(), valueNode(text == null ? encodeBase64(e.getValue()) : text));
      }
    }
    if (!options.labels().isEmpty()) {
      MapNode labels = metadata.getOrCreateMap("labels");
      options.labels().forEach(labels::put);
    }
    if (!options.annotations().isEmpty()) {
      MapNode annotations = metadata.getOrCreateMap("annotations");
      options.annotations().forEach(annotations::put);
    }
    if (options.immutable()) {
      node.put("immutable", ScalarNode.bool(true));
    }
    Resource resource = new Resource(node, loader.file());
    resource.needsHashSuffix(!options.disableNameSuffixHash());
    resource.behavior(behavior(GeneratorArgs.string(args, "behavior")));
    return resource;
  }

  static GeneratorBehavior behavior(String value) {
    return switch (value) {
      case "create" -> GeneratorBehavior.CREATE;
      case "replace" -> GeneratorBehavior.REPLACE;
      case "merge" -> GeneratorBehavior.MERGE;
      default -> GeneratorBehavior.NONE;
    };
  }

  /** A data value as kyaml makes it: a string, literal style when it spans lines. */
  static ScalarNode valueNode(String value) {
    return new ScalarNode(value, Tags.STR, value.contains("\n") ? ScalarStyle.LITERAL : ScalarStyle.PLAIN);
  }

  /** Base64 in lines of 70 characters, each ending in a newline when there is more than one line. */
  static String encodeBase64(byte[] bytes) {
    String encoded = Base64.getEncoder().encodeToString(bytes);
    int lines = encoded.length() / 70 + 1;
    if (lines == 1) {
      return encoded;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < encoded.length(); i += 70) {
      out.append(encoded, i, Math.min(encoded.length(), i + 70)).append('\n');
    }
    return out.toString();
  }

  static String encodeBase64(String text) {
    return encodeBase64(text.getBytes(StandardCharsets.UTF_8));
  }
}
