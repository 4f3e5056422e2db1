package dev.foresight.renderer.output;

import dev.foresight.renderer.flux.ConfigNodes;
import dev.foresight.renderer.flux.ForesightConfig;
import dev.foresight.renderer.flux.ForesightConfig.InvalidException;
import dev.foresight.renderer.flux.KeySuggestion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The output rules of {@code foresight.yaml} (section {@code report}, keys {@code mask} and
 * {@code ignore}, its only keys):
 *
 * <pre>
 * report:
 *   mask:                     # values replaced by mask tokens (masked:&lt;digest&gt;)
 *     - {kind: ConfigMap, name: "*-credentials", path: "data.*"}
 *     - {kind: "*", path: spec.values.password}
 *   ignore:                   # fields removed from both sides before the diff
 *     - {kind: "*", path: "metadata.annotations[deployment.kubernetes.io/revision]"}
 * </pre>
 */
public record OutputRules(List<OutputRule> mask, List<OutputRule> ignore) {

  public static final String SECTION = "report";
  public static final OutputRules NONE = new OutputRules(List.of(), List.of());
  private static final Set<String> RULE_KEYS = Set.of("kind", "name", "namespace", "path");

  public OutputRules {
    mask = List.copyOf(mask);
    ignore = List.copyOf(ignore);
  }

  public boolean isEmpty() {
    return mask.isEmpty() && ignore.isEmpty();
  }

  /**
   * The rules of {@code config}; {@link #NONE} without a {@code report} section.
   *
   * @throws InvalidException located ({@code foresight.yaml:<line>: report.ignore[1].path ...})
   */
  public static OutputRules of(ForesightConfig config) throws InvalidException {
    Optional<Node> section = config.section(SECTION);
    if (section.isEmpty()) {
      return NONE;
    }
    MappingNode report = ConfigNodes.mapping(section.get(), SECTION);
    List<OutputRule> mask = List.of();
    List<OutputRule> ignore = List.of();
    for (NodeTuple entry : report.getValue()) {
      String key = ConfigNodes.scalar(entry.getKeyNode(), SECTION);
      if (key.equals("mask")) {
        mask = rules(entry.getValueNode(), SECTION + ".mask");
      } else if (key.equals("ignore")) {
        ignore = rules(entry.getValueNode(), SECTION + ".ignore");
      } else {
        throw ConfigNodes.invalid(entry.getKeyNode(), SECTION + "." + key, "is not a report setting (mask, ignore)"
            + KeySuggestion.didYouMean(key, List.of("mask", "ignore")));
      }
    }
    return new OutputRules(mask, ignore);
  }

  private static List<OutputRule> rules(Node node, String where) throws InvalidException {
    SequenceNode list = ConfigNodes.sequence(node, where);
    List<OutputRule> rules = new ArrayList<>();
    int i = 0;
    for (Node item : list.getValue()) {
      String at = where + "[" + i++ + "]";
      MappingNode map = ConfigNodes.mapping(item, at);
      String kind = "*";
      String name = "*";
      String namespace = "*";
      FieldPath path = null;
      for (NodeTuple t : map.getValue()) {
        String key = ConfigNodes.scalar(t.getKeyNode(), at);
        if (!RULE_KEYS.contains(key)) {
          throw ConfigNodes.invalid(t.getKeyNode(), at + "." + key, "is not a rule key; use kind, name, namespace"
              + " and path" + KeySuggestion.didYouMean(key, RULE_KEYS));
        }
        String value = ConfigNodes.scalar(t.getValueNode(), at + "." + key);
        switch (key) {
          case "kind" -> kind = value;
          case "name" -> name = value;
          case "namespace" -> namespace = value;
          default -> {
            try {
              path = FieldPath.parse(value);
            } catch (IllegalArgumentException e) {
              throw ConfigNodes.invalid(t.getValueNode(), at + ".path", e.getMessage());
            }
          }
        }
      }
      if (path == null) {
        throw ConfigNodes.invalid(item, at + ".path", "is missing; e.g. path: metadata.annotations[example.com/key]");
      }
      rules.add(new OutputRule(kind, name, namespace, path));
    }
    return rules;
  }
}
