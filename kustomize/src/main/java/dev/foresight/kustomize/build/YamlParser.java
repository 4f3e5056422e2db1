package dev.foresight.kustomize.build;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.Yaml;
import java.util.List;

/**
 * How the build turns file text into documents. Production code uses {@link Yaml#parseAll}; tests
 * may pass another parser while the yaml package is a stub.
 */
@FunctionalInterface
public interface YamlParser {

  YamlParser DEFAULT = Yaml::parseAll;

  List<Node> parseAll(String text, String file) throws KustomizeException;
}
