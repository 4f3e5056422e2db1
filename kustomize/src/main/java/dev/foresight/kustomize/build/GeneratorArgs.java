package dev.foresight.kustomize.build;

import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.SeqNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reading generator arguments and options (kustomize's GeneratorArgs, GeneratorOptions). */
final class GeneratorArgs {

  /** Effective options: the entry's own merged with the kustomization's {@code generatorOptions}. */
  record Options(Map<String, String> labels, Map<String, String> annotations, boolean disableNameSuffixHash,
      boolean immutable) {

    /** kustomize's MergeGlobalOptionsIntoLocal: local keys win, flags are or-ed. */
    static Options merge(MapNode local, MapNode global) {
      Map<String, String> labels = stringMap(local, "labels");
      Map<String, String> annotations = stringMap(local, "annotations");
      boolean disable = bool(local, "disableNameSuffixHash");
      boolean immutable = bool(local, "immutable");
      if (global != null) {
        stringMap(global, "labels").forEach(labels::putIfAbsent);
        stringMap(global, "annotations").forEach(annotations::putIfAbsent);
        disable |= bool(global, "disableNameSuffixHash");
        immutable |= bool(global, "immutable");
      }
      return new Options(labels, annotations, disable, immutable);
    }
  }

  private GeneratorArgs() {}

  static String string(MapNode map, String key) {
    String value = map == null ? null : map.getString(key);
    return value == null ? "" : value;
  }

  static List<String> strings(MapNode map, String key) {
    List<String> out = new ArrayList<>();
    if (map != null && map.get(key) instanceof SeqNode seq) {
      for (Node item : seq.items()) {
        if (item instanceof ScalarNode s && !s.isNull()) {
          out.add(s.value());
        }
      }
    }
    return out;
  }

  /** A string map, sorted by key (Go maps are iterated sorted where it matters). */
  static Map<String, String> stringMap(MapNode map, String key) {
    Map<String, String> out = new TreeMap<>();
    MapNode m = map == null ? null : map.getMap(key);
    if (m != null) {
      for (MapNode.Entry e : m.entries()) {
        out.put(e.key().value(), e.value() instanceof ScalarNode s && !s.isNull() ? s.value() : "");
      }
    }
    return out;
  }

  static boolean bool(MapNode map, String key) {
    return map != null && "true".equals(map.getString(key));
  }

  static Map<String, String> ordered(Map<String, String> map) {
    return new LinkedHashMap<>(new TreeMap<>(map));
  }
}
