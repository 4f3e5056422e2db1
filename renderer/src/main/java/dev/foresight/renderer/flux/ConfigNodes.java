package dev.foresight.renderer.flux;

import dev.foresight.renderer.flux.ForesightConfig.InvalidException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reading {@code foresight.yaml} nodes with errors that name the file, the line and the field, for
 * every package that owns a section of the file.
 */
public final class ConfigNodes {

  private ConfigNodes() {}

  public static MappingNode mapping(Node node, String where) throws InvalidException {
    if (node instanceof MappingNode map) {
      return map;
    }
    throw invalid(node, where, "must be a mapping");
  }

  public static SequenceNode sequence(Node node, String where) throws InvalidException {
    if (node instanceof SequenceNode list) {
      return list;
    }
    throw invalid(node, where, "must be a list");
  }

  public static String scalar(Node node, String where) throws InvalidException {
    if (node instanceof ScalarNode scalar) {
      return scalar.getValue();
    }
    throw invalid(node, where, "must be a single value");
  }

  /** {@code foresight.yaml:<line>: <field> <problem>}. */
  public static InvalidException invalid(Node node, String field, String problem) {
    int line = node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    return new InvalidException(ForesightConfig.FILE + ":" + line + ": " + field + " " + problem);
  }
}
