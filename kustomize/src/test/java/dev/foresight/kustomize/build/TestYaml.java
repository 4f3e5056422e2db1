package dev.foresight.kustomize.build;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.resource.Resource;
import dev.foresight.kustomize.resource.ResourceList;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.ScalarStyle;
import dev.foresight.kustomize.yaml.SeqNode;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Test-only YAML adapter (snakeyaml-engine, core schema) while the yaml package's parser is a
 * stub; plus a semantic rendering (sorted JSON per document) to compare builds without the
 * emitter. Swap: tests pass {@link #PARSER}; production uses {@link YamlParser#DEFAULT}.
 */
public final class TestYaml {

  public static final YamlParser PARSER = TestYaml::parseAll;

  private TestYaml() {}

  /** True when the real yaml package is in (parse and emit work). */
  public static boolean realYamlReady() {
    try {
      dev.foresight.kustomize.yaml.Yaml.emit(dev.foresight.kustomize.yaml.Yaml.parseAll("a: b\n", "x").get(0));
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  public static List<Node> parseAll(String text, String file) throws KustomizeException {
    try {
      List<Node> out = new ArrayList<>();
      LoadSettings settings = LoadSettings.builder().setSchema(new CoreSchema()).setLabel(file).build();
      for (org.snakeyaml.engine.v2.nodes.Node node : new Compose(settings).composeAllFromString(text)) {
        Node converted = convert(node);
        if (converted instanceof ScalarNode s && s.isNull()) {
          continue;
        }
        out.add(converted);
      }
      return out;
    } catch (RuntimeException e) {
      throw new KustomizeException(file + ": " + e.getMessage(), e);
    }
  }

  private static Node convert(org.snakeyaml.engine.v2.nodes.Node node) {
    Node out;
    if (node instanceof MappingNode m) {
      MapNode map = new MapNode();
      for (NodeTuple t : m.getValue()) {
        map.put(((org.snakeyaml.engine.v2.nodes.ScalarNode) t.getKeyNode()).getValue(), convert(t.getValueNode()));
      }
      out = map;
    } else if (node instanceof SequenceNode s) {
      SeqNode seq = new SeqNode();
      s.getValue().forEach(item -> seq.add(convert(item)));
      out = seq;
    } else {
      org.snakeyaml.engine.v2.nodes.ScalarNode s = (org.snakeyaml.engine.v2.nodes.ScalarNode) node;
      ScalarStyle style = switch (s.getScalarStyle()) {
        case SINGLE_QUOTED -> ScalarStyle.SINGLE_QUOTED;
        case DOUBLE_QUOTED -> ScalarStyle.DOUBLE_QUOTED;
        case LITERAL -> ScalarStyle.LITERAL;
        case FOLDED -> ScalarStyle.FOLDED;
        default -> ScalarStyle.PLAIN;
      };
      out = new ScalarNode(s.getValue(), s.getTag().getValue(), style);
    }
    node.getStartMark().ifPresent(mark -> out.position(mark.getLine() + 1, mark.getColumn() + 1));
    return out;
  }

  /** One line of sorted JSON per document. */
  public static String semantic(List<Node> docs) {
    StringBuilder out = new StringBuilder();
    for (Node doc : docs) {
      out.append(NameHasher.json(doc)).append('\n');
    }
    return out.toString();
  }

  public static String semantic(ResourceList resources) {
    List<Node> docs = new ArrayList<>();
    for (Resource r : resources) {
      docs.add(r.node());
    }
    return semantic(docs);
  }
}
