package dev.foresight.kustomize.patch;

import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.ScalarStyle;
import dev.foresight.kustomize.yaml.SeqNode;
import dev.foresight.kustomize.yaml.Tags;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/** Test helper: YAML text to the Node model via snakeyaml-engine (until the yaml package lands). */
final class TestYaml {

  private TestYaml() {}

  static Node parse(String text) {
    LoadSettings settings = LoadSettings.builder().build();
    Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
    return convert(composer.getSingleNode().orElseThrow());
  }

  static MapNode map(String text) {
    return (MapNode) parse(text);
  }

  private static Node convert(org.snakeyaml.engine.v2.nodes.Node n) {
    if (n instanceof MappingNode m) {
      MapNode out = new MapNode();
      for (NodeTuple t : m.getValue()) {
        org.snakeyaml.engine.v2.nodes.ScalarNode k = (org.snakeyaml.engine.v2.nodes.ScalarNode) t.getKeyNode();
        out.entries().add(new MapNode.Entry(ScalarNode.string(k.getValue()), convert(t.getValueNode())));
      }
      return out;
    }
    if (n instanceof SequenceNode s) {
      SeqNode out = new SeqNode();
      s.getValue().forEach(i -> out.add(convert(i)));
      return out;
    }
    org.snakeyaml.engine.v2.nodes.ScalarNode s = (org.snakeyaml.engine.v2.nodes.ScalarNode) n;
    ScalarStyle style = switch (s.getScalarStyle()) {
      case DOUBLE_QUOTED -> ScalarStyle.DOUBLE_QUOTED;
      case SINGLE_QUOTED -> ScalarStyle.SINGLE_QUOTED;
      case LITERAL -> ScalarStyle.LITERAL;
      case FOLDED -> ScalarStyle.FOLDED;
      default -> ScalarStyle.PLAIN;
    };
    String tag = s.getTag().getValue();
    if (!tag.startsWith("tag:yaml.org,2002:")) {
      tag = Tags.STR;
    }
    return new ScalarNode(s.getValue(), tag, style);
  }

  /** Structure and scalar values (not styles) as a compact string, for assertions. */
  static String show(Node n) {
    if (n == null) {
      return "<nil>";
    }
    if (n instanceof MapNode m) {
      StringBuilder b = new StringBuilder("{");
      for (MapNode.Entry e : m.entries()) {
        if (b.length() > 1) {
          b.append(", ");
        }
        b.append(e.key().value()).append(": ").append(show(e.value()));
      }
      return b.append('}').toString();
    }
    if (n instanceof SeqNode s) {
      StringBuilder b = new StringBuilder("[");
      for (Node i : s.items()) {
        if (b.length() > 1) {
          b.append(", ");
        }
        b.append(show(i));
      }
      return b.append(']').toString();
    }
    return ((ScalarNode) n).value();
  }
}
