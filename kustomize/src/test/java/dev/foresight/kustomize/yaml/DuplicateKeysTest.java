package dev.foresight.kustomize.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.kustomize.KustomizeException;
import org.junit.jupiter.api.Test;

/**
 * Repeated mapping keys, as kubectl kustomize v5.5.0 treats them: a resource or patch with one is
 * refused ("mapping key ... already defined", kyaml decoding the node into a map); a
 * kustomization file takes the last value of the key, whole, at every level (sigs.k8s.io/yaml).
 */
class DuplicateKeysTest {

  private static final String TEXT = """
      namePrefix: a-
      commonLabels:
        x: "1"
        y: "2"
      namePrefix: b-
      commonLabels:
        z: "3"
        z: "4"
      """;

  @Test
  void resourcesRefuseRepeatedKeys() {
    KustomizeException e = assertThrows(KustomizeException.class, () -> Yaml.parseAll(TEXT, "r.yaml"));
    assertTrue(e.getMessage().contains("r.yaml:5"), e.getMessage());
    assertTrue(e.getMessage().contains("mapping key \"namePrefix\" already defined"), e.getMessage());
  }

  @Test
  void kustomizationFilesTakeTheLastValueWhole() throws KustomizeException {
    MapNode k = (MapNode) Yaml.parseAllLastKeyWins(TEXT, "kustomization.yaml").get(0);
    assertEquals("b-", k.getString("namePrefix"));
    assertEquals(java.util.List.of("z"), k.getMap("commonLabels").keys());
    assertEquals("4", k.getMap("commonLabels").getString("z"));
    assertEquals(java.util.List.of("namePrefix", "commonLabels"), k.keys());
  }
}
