package dev.foresight.kustomize.transform;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.SeqNode;
import dev.foresight.kustomize.yaml.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reading typed kustomization fields, with errors that name the file, field and line. */
final class KustFields {

  private final MapNode map;
  private final String file;

  KustFields(MapNode map, String file) {
    this.map = map;
    this.file = file;
  }

  String string(String field) throws KustomizeException {
    return scalar(map.get(field), field);
  }

  String scalar(Node node, String field) throws KustomizeException {
    if (node == null || node instanceof ScalarNode s && s.isNull()) {
      return "";
    }
    if (node instanceof ScalarNode s) {
      return s.value();
    }
    throw KustomizeException.at(file, field, node.line(), "expected a string");
  }

  /** A map of strings, keys sorted (kustomize applies labels/annotations in key order). */
  Map<String, String> stringMap(Node node, String field) throws KustomizeException {
    Map<String, String> out = new TreeMap<>();
    if (node == null || node instanceof ScalarNode s && s.isNull()) {
      return out;
    }
    if (!(node instanceof MapNode m)) {
      throw KustomizeException.at(file, field, node.line(), "expected a map of string to string");
    }
    for (MapNode.Entry e : m.entries()) {
      Node v = e.value();
      if (v instanceof ScalarNode s && s.isNull()) {
        out.put(e.key().value(), "");
      } else if (v instanceof ScalarNode s && (Tags.STR.equals(s.tag()) || s.tag() == null)) {
        out.put(e.key().value(), s.value());
      } else {
        throw KustomizeException.at(file, field, v.line(), "value of '" + e.key().value()
            + "' must be a string (quote it: \"" + v + "\")");
      }
    }
    return out;
  }

  List<MapNode> mapList(String field) throws KustomizeException {
    Node node = map.get(field);
    List<MapNode> out = new ArrayList<>();
    if (node == null || node instanceof ScalarNode s && s.isNull()) {
      return out;
    }
    if (!(node instanceof SeqNode seq)) {
      throw KustomizeException.at(file, field, node.line(), "expected a list");
    }
    for (Node item : seq.items()) {
      if (!(item instanceof MapNode m)) {
        throw KustomizeException.at(file, field, item.line(), "each entry must be a mapping");
      }
      out.add(m);
    }
    return out;
  }

  boolean bool(MapNode m, String key, String field) throws KustomizeException {
    Node node = m.get(key);
    if (node == null || node instanceof ScalarNode s && s.isNull()) {
      return false;
    }
    if (node instanceof ScalarNode s && (s.value().equals("true") || s.value().equals("false"))) {
      return s.value().equals("true");
    }
    throw KustomizeException.at(file, field, node.line(), key + " must be true or false");
  }

  String file() {
    return file;
  }
}
