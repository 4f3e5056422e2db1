package dev.foresight.kustomize.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.Kustomizer;
import dev.foresight.kustomize.MapFileTree;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Empty or null metadata fields after a build, as kustomize v5.5.0 prints them (expectations from
 * kubectl kustomize): top-level {@code metadata.annotations} is rewritten by kyaml's SetAnnotations
 * at the end of every build, so any value that is not a non-empty map disappears; every other
 * field (labels, namespace, finalizers, data, template annotations) is printed as read.
 */
class NullFieldsTest {

  private static String build(String resource) throws KustomizeException {
    return Kustomizer.buildYaml(new MapFileTree(Map.of(
        "kustomization.yaml", "resources:\n- r.yaml\n",
        "r.yaml", resource)), "");
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "~", "", "{}", "[]", "\"\"", "some-text"})
  void topLevelAnnotationsThatAreNotANonEmptyMapAreDropped(String value) throws KustomizeException {
    assertEquals("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n",
        build("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations: " + value + "\n"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"labels: null", "labels: {}", "labels: \"\"", "finalizers: null", "finalizers: []"})
  void otherMetadataFieldsAreKept(String field) throws KustomizeException {
    assertEquals("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  " + field + "\n  name: a\n",
        build("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  " + field + "\n"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"namespace: null", "uid: null"})
  void fieldsAfterNameAreKeptToo(String field) throws KustomizeException {
    assertEquals("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  " + field + "\n",
        build("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  " + field + "\n"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"~", "null", ""})
  void nestedAnnotationsAndNullDataAreKept(String value) throws KustomizeException {
    assertEquals("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n"
            + "    metadata:\n      annotations: null\n",
        build("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  annotations: " + value
            + "\nspec:\n  template:\n    metadata:\n      annotations: " + value + "\n"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "", "~"})
  void nullAnnotationValuesBecomeStrings(String value) throws KustomizeException {
    // kyaml's GetAnnotations reads a node's text: "null" for null and ~ spelled so, "" for no value
    String text = value.isEmpty() ? "\"\"" : "\"" + value + "\"";
    assertEquals("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  annotations:\n    a: " + text + "\n  name: a\n",
        build("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    a: " + value + "\n"));
  }
}
