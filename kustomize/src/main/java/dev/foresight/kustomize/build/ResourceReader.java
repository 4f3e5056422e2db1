package dev.foresight.kustomize.build;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.resource.Resource;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.SeqNode;
import dev.foresight.kustomize.yaml.Yaml;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Turns a resource file into resources as kustomize's resource factory does: every non-empty
 * document, {@code kind} required, {@code metadata.name} required except for lists, and
 * {@code *List} kinds with {@code items} expanded (their items queued after the file's other
 * documents).
 */
final class ResourceReader {

  private ResourceReader() {}

  static List<Resource> read(String text, String file, YamlParser parser) throws KustomizeException {
    Deque<Node> queue = new ArrayDeque<>(parser.parseAll(text, file));
    List<Resource> out = new ArrayList<>();
    while (!queue.isEmpty()) {
      Node doc = queue.removeFirst();
      if (doc instanceof ScalarNode s && (s.isNull() || s.value().isEmpty())) {
        continue;
      }
      if (!(doc instanceof MapNode map)) {
        throw KustomizeException.at(file, null, doc.line(), "wrong node kind: expected MappingNode but got "
            + (doc instanceof SeqNode ? "SequenceNode" : "ScalarNode") + ": a resource file holds objects");
      }
      if (map.isEmpty()) {
        continue;
      }
      validate(map, file);
      String kind = map.getString("kind");
      if (kind.endsWith("List") && map.has("items")) {
        Node items = map.get("items");
        if (items instanceof SeqNode seq) {
          for (Node item : seq.items()) {
            if (item instanceof MapNode m && !m.isEmpty()) {
              validate(m, file);
            }
            // kustomize inlines the items through Go values (RNode.Map, json, FromBytes): no YAML
            // is written, so folded scalars keep their value (and are never garbled later)
            Yaml.unfold(item);
          }
          queue.addAll(seq.items());
          continue;
        }
        if (items instanceof ScalarNode s && s.isNull()) {
          continue;
        }
        throw KustomizeException.at(file, "items", items.line(), "expected array in " + kind + "/items");
      }
      out.add(new Resource(map, file));
    }
    return out;
  }

  private static void validate(MapNode map, String file) throws KustomizeException {
    String kind = map.getString("kind");
    if (kind == null || kind.isEmpty()) {
      throw KustomizeException.at(file, "kind", map.line(), "missing kind in object (every resource needs "
          + "apiVersion, kind and metadata.name)");
    }
    if (kind.endsWith("List")) {
      return;
    }
    MapNode metadata = map.getMap("metadata");
    String name = metadata == null ? null : metadata.getString("name");
    if (name == null || name.isEmpty()) {
      throw KustomizeException.at(file, "metadata.name", map.line(), "missing metadata.name in object {"
          + map.getString("apiVersion") + " " + kind + "}");
    }
  }
}
