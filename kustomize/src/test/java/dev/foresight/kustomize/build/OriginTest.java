package dev.foresight.kustomize.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.Kustomizer;
import dev.foresight.kustomize.MapFileTree;
import dev.foresight.kustomize.resource.Resource;
import dev.foresight.kustomize.yaml.MapNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Origin and transformer annotations ({@code buildMetadata}); outputs checked against kubectl kustomize v5.5.0. */
class OriginTest {

  private static final String SVC = "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n";

  private static String build(Map<String, String> files, String dir) throws KustomizeException {
    return Kustomizer.buildYaml(new MapFileTree(files), dir);
  }

  @Test
  void joinCleansLikeGo() {
    assertEquals("service.yaml", Origin.join("", "service.yaml"));
    assertEquals("../base", Origin.join("", "../base"));
    assertEquals("../base/service.yaml", Origin.join("../base", "service.yaml"));
    assertEquals("../../x/a.yaml", Origin.join("../base/..", "../x/./a.yaml"));
    assertEquals("comp/kustomization.yaml", Origin.join("base/../comp", "kustomization.yaml"));
  }

  @Test
  void yamlKeepsKustomizeFieldOrderAndQuotes() {
    Origin generated = Origin.root().append("../base").builtin("kustomization.yaml", "ConfigMapGenerator");
    assertEquals("configuredIn: ../base/kustomization.yaml\nconfiguredBy:\n  apiVersion: builtin\n"
        + "  kind: ConfigMapGenerator\n", generated.yaml());
    assertEquals("path: 'true'\n", Origin.root().append("true").yaml().replace('"', '\''));
  }

  @Test
  void transformationsAppendAndOriginlessResourcesTakeTheTransformer() throws KustomizeException {
    Resource r = new Resource(new MapNode().put("kind", "X").put("metadata", new MapNode().put("name", "n")), "f");
    Origin t = Origin.root().builtin("kustomization.yaml", "PrefixTransformer");
    t.recordTransformationOn(r);
    assertEquals(t, Origin.of(r));
    assertNull(Origin.annotation(r, Origin.TRANSFORMATIONS_ANNOTATION));
    t.recordTransformationOn(r);
    t.recordTransformationOn(r);
    String item = "- configuredIn: kustomization.yaml\n  configuredBy:\n    apiVersion: builtin\n"
        + "    kind: PrefixTransformer\n";
    assertEquals(item + item, Origin.annotation(r, Origin.TRANSFORMATIONS_ANNOTATION));
  }

  @Test
  void originOnlyWhenAskedButTrackedForAnyBuildMetadata() throws KustomizeException {
    String out = build(Map.of("kustomization.yaml", "resources:\n- s.yaml\nnamePrefix: p-\n"
        + "buildMetadata: [managedByLabel]\n", "s.yaml", SVC), "");
    assertFalse(out.contains("config.kubernetes.io"), out);
    out = build(Map.of("kustomization.yaml", "resources:\n- s.yaml\nnamePrefix: p-\nnameSuffix: -s\n"
        + "buildMetadata: [transformerAnnotations]\n", "s.yaml", SVC), "");
    assertEquals("apiVersion: v1\nkind: Service\nmetadata:\n  annotations:\n"
        + "    alpha.config.kubernetes.io/transformations: |\n"
        + "      - configuredIn: kustomization.yaml\n        configuredBy:\n          apiVersion: builtin\n"
        + "          kind: PrefixTransformer\n"
        + "      - configuredIn: kustomization.yaml\n        configuredBy:\n          apiVersion: builtin\n"
        + "          kind: SuffixTransformer\n"
        + "  name: p-s-s\n", out);
  }

  @Test
  void subKustomizationBuildMetadataIsIgnored() throws KustomizeException {
    String out = build(Map.of("kustomization.yaml", "resources:\n- base\n",
        "base/kustomization.yaml", "resources:\n- s.yaml\nbuildMetadata: [originAnnotations]\n",
        "base/s.yaml", SVC), "");
    assertFalse(out.contains("origin"), out);
  }

  @Test
  void mergedGeneratorKeepsTheBaseOriginReplacedTakesTheOverlays() throws KustomizeException {
    for (String behavior : new String[] {"merge", "replace"}) {
      String out = build(Map.of(
          "base/kustomization.yaml", "configMapGenerator:\n- name: c\n  literals:\n  - a=1\n",
          "o/kustomization.yaml", "resources:\n- ../base\nbuildMetadata: [originAnnotations]\n"
              + "configMapGenerator:\n- name: c\n  behavior: " + behavior + "\n  literals:\n  - b=2\n"), "o");
      assertTrue(out.contains("configuredIn: " + (behavior.equals("merge") ? "../base/" : "") + "kustomization.yaml\n"),
          out);
    }
  }

  @Test
  void emptyAnnotationsAreDroppedAsKyamlDoes() throws KustomizeException {
    String out = build(Map.of("kustomization.yaml", "resources:\n- a.yaml\n", "a.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations: {}\n  labels: {}\n"), "");
    assertEquals("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {}\n  name: a\n", out);
  }
}
