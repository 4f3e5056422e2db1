package dev.foresight.kustomize.build;

import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.SeqNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A loaded, validated and fixed kustomization (kustomize's types.Kustomization after Unmarshal and
 * FixKustomization): field names canonical, deprecated aliases folded in.
 *
 * @param node the kustomization document (canonical field names)
 * @param dir its directory (tree path)
 * @param file its file (tree path)
 * @param fileName the file's name ({@code kustomization.yaml}, ...)
 */
public record Kustomization(MapNode node, String dir, String file, String fileName) {

  public static final String KIND = "Kustomization";
  public static final String COMPONENT = "Component";

  public String kind() {
    return node.getString("kind");
  }

  public boolean isComponent() {
    return COMPONENT.equals(kind());
  }

  /** A list-of-strings field (empty when absent). */
  public List<String> strings(String field) {
    List<String> out = new ArrayList<>();
    if (node.get(field) instanceof SeqNode seq) {
      for (Node item : seq.items()) {
        if (item instanceof ScalarNode s && !s.isNull()) {
          out.add(s.value());
        }
      }
    }
    return out;
  }

  /** The maps of a list-of-objects field (empty when absent). */
  public List<MapNode> maps(String field) {
    List<MapNode> out = new ArrayList<>();
    if (node.get(field) instanceof SeqNode seq) {
      for (Node item : seq.items()) {
        if (item instanceof MapNode m) {
          out.add(m);
        }
      }
    }
    return out;
  }
}
