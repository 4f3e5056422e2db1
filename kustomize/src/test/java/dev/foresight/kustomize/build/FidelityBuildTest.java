package dev.foresight.kustomize.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.MapFileTree;
import dev.foresight.kustomize.resource.ResourceList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Builds on in-memory trees with the production YAML reader; expectations from kubectl kustomize v5.5.0. */
class FidelityBuildTest {

  private static ResourceList build(Map<String, String> files, String dir) throws KustomizeException {
    return Build.run(new MapFileTree(files), dir, YamlParser.DEFAULT);
  }

  private static List<String> names(ResourceList list) {
    return list.all().stream().map(r -> r.kind() + "/" + r.name()).toList();
  }

  @Test
  void repeatedGeneratorFieldsTakeTheLastList() throws KustomizeException {
    ResourceList out = build(Map.of("kustomization.yaml", """
        configMapGenerator:
        - name: bob
          literals:
          - bean=pinto
          literals:
          - fruit=apple
          options:
            disableNameSuffixHash: true
        """), "");
    assertEquals(List.of("fruit"), out.all().get(0).node().getMap("data").keys());
  }

  @Test
  void repeatedKeyInAResourceIsAnError() {
    KustomizeException e = assertThrows(KustomizeException.class, () -> build(Map.of(
        "kustomization.yaml", "resources:\n- cm.yaml\n",
        "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\ndata:\n  c: d\n"), ""));
    assertTrue(e.getMessage().contains("already defined"), e.getMessage());
  }

  @Test
  void kindSpecificNamePrefixSpecHidesTheBuiltinOne() throws KustomizeException {
    // kustomize sorts merged specs (kinds before the catch-all) and drops a later spec with the
    // same path whose GVK selects an earlier one: only Foo objects get the prefix
    String resources = "apiVersion: v1\nkind: Foo\nmetadata:\n  name: f\n---\n"
        + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n";
    ResourceList out = build(Map.of(
        "kustomization.yaml", "namePrefix: p-\nresources:\n- r.yaml\nconfigurations:\n- c.yaml\n",
        "r.yaml", resources,
        "c.yaml", "namePrefix:\n- path: metadata/name\n  kind: Foo\n"), "");
    assertEquals(List.of("ConfigMap/c", "Foo/p-f"), names(out).stream().sorted().toList());
    // another path for the kind keeps the builtin spec
    out = build(Map.of(
        "kustomization.yaml", "namePrefix: p-\nresources:\n- r.yaml\nconfigurations:\n- c.yaml\n",
        "r.yaml", resources,
        "c.yaml", "namePrefix:\n- path: spec/other\n  kind: Foo\n"), "");
    assertEquals(List.of("ConfigMap/p-c", "Foo/p-f"), names(out).stream().sorted().toList());
  }

  @Test
  void varFieldsDecodeCaseInsensitively() throws KustomizeException {
    ResourceList out = build(Map.of(
        "kustomization.yaml", """
            resources:
            - r.yaml
            vars:
            - name: HOST
              objref: {apiVersion: v1, kind: ConfigMap, name: c}
              fieldref:
                fieldpath: data.host
            """,
        "r.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: c
            data:
              host: example.com
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
            spec:
              containers:
              - name: a
                image: x
                args: ["$(HOST)"]
            """), "");
    String pod = dev.foresight.kustomize.yaml.Yaml.emit(
        out.all().stream().filter(r -> r.kind().equals("Pod")).findFirst().orElseThrow().node());
    assertTrue(pod.contains("- example.com"), pod);
  }
}
