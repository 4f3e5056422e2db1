package dev.foresight.kustomize.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.build.BuildContext;
import dev.foresight.kustomize.resource.Resource;
import dev.foresight.kustomize.resource.ResourceList;
import dev.foresight.kustomize.transform.TransformerConfig;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.Yaml;
import org.junit.jupiter.api.Test;

/** Expectations checked against kubectl kustomize (v5.5.0). */
class PatchFidelityTest {

  private static BuildContext ctx() {
    return new BuildContext(null, "", "kustomization.yaml", TransformerConfig.builtin());
  }

  private static Resource res(String yaml) throws KustomizeException {
    return new Resource((dev.foresight.kustomize.yaml.MapNode) Yaml.parseAll(yaml, "r.yaml").get(0), "r.yaml");
  }

  @Test
  void jsonPatchRenameKeepsTheOldNameFindable() throws KustomizeException {
    // a JSON patch in `patches` renames banana to banana-canary; a strategic merge patch for
    // banana then matches both the renamed one (by its previous name) and a second banana
    String dep = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: banana\n";
    ResourceList list = new ResourceList();
    list.add(res(dep));
    Patches.patches(list, TestYaml.map("""
        patches:
        - patch: '[{"op": "replace", "path": "/metadata/name", "value": "banana-canary"}]'
          target:
            kind: Deployment
        """), ctx());
    list.add(res(dep));
    KustomizeException e = assertThrows(KustomizeException.class, () -> Patches.patches(list, TestYaml.map("""
        patches:
        - patch: |
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: banana
            spec:
              replicas: 2
        """), ctx()));
    assertTrue(e.getMessage().contains("multiple matches for Id Deployment.v1.apps/banana.[noNs]"), e.getMessage());
  }

  @Test
  void portsWithTwoKeyFieldsSurviveAnUnrelatedPatch() throws Exception {
    // container ports merge by (containerPort, protocol); entries without protocol stay single
    String dest = """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: app
        spec:
          template:
            spec:
              containers:
              - name: c
                ports:
                - containerPort: 8500
                  name: http
                - containerPort: 8301
                  protocol: TCP
                  name: lan-tcp
                - containerPort: 8301
                  protocol: UDP
                  name: lan-udp
                - containerPort: 8302
                  name: wan
        """;
    Node out = StrategicMerge.merge(TestYaml.parse(
        "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: app\n  labels:\n    a: b\n"), TestYaml.parse(dest));
    assertEquals("{apiVersion: apps/v1, kind: StatefulSet, metadata: {name: app, labels: {a: b}}, spec: {template: "
        + "{spec: {containers: [{name: c, ports: [{containerPort: 8500, name: http}, {containerPort: 8301, "
        + "protocol: TCP, name: lan-tcp}, {containerPort: 8301, protocol: UDP, name: lan-udp}, "
        + "{containerPort: 8302, name: wan}]}]}}}}", TestYaml.show(out));
  }
}
