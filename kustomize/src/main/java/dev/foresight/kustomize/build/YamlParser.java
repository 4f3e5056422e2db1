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

  YamlParser DEFAULT = new YamlParser() {
    @Override
    public List<Node> parseAll(String text, String file) throws KustomizeException {
      return Yaml.parseAll(text, file);
    }

    @Override
    public List<Node> parseKustomization(String text, String file) throws KustomizeException {
      return Yaml.parseAllLastKeyWins(text, file);
    }
  };

  List<Node> parseAll(String text, String file) throws KustomizeException;

  /** A kustomization file: a repeated key's last value wins (see {@link Yaml#parseAllLastKeyWins}). */
  default List<Node> parseKustomization(String text, String file) throws KustomizeException {
    return parseAll(text, file);
  }
}
