package dev.foresight.kustomize.patch;

import dev.foresight.kustomize.transform.SelectorExpr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.foresight.kustomize.resource.Resource;
import dev.foresight.kustomize.resource.ResourceList;
import dev.foresight.kustomize.yaml.Node;
import org.junit.jupiter.api.Test;

/** Expectations checked against kubectl kustomize (v5.5.0). */
class StrategicMergeTest {

  private static final String DEP = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 1
        template:
          spec:
            containers:
            - env:
              - name: A
                value: "1"
              image: nginx:1
              name: app
            - image: x
              name: other
      """;

  private static Node merge(String patch, String dest) throws Exception {
    return StrategicMerge.merge(TestYaml.parse(patch), TestYaml.parse(dest));
  }

  @Test
  void containersMergedByNameNewOnesFirst() throws Exception {
    Node out = merge("""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              containers:
              - image: busybox
                name: sidecar
              - env:
                - name: B
                  value: "2"
                image: nginx:2
                name: app
        """, DEP);
    assertEquals("{apiVersion: apps/v1, kind: Deployment, metadata: {name: web}, spec: {replicas: 1, "
        + "template: {spec: {containers: [{image: busybox, name: sidecar}, {env: [{name: B, value: 2}, "
        + "{name: A, value: 1}], image: nginx:2, name: app}, {image: x, name: other}]}}}}", TestYaml.show(out));
  }

  @Test
  void nullDeletesAndDeleteDirective() throws Exception {
    Node out = merge("""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: null
          template:
            spec:
              containers:
              - name: other
                $patch: delete
        """, DEP);
    assertEquals("{apiVersion: apps/v1, kind: Deployment, metadata: {name: web}, spec: {template: {spec: "
        + "{containers: [{env: [{name: A, value: 1}], image: nginx:1, name: app}]}}}}", TestYaml.show(out));
  }

  @Test
  void replaceDirectiveAndUnknownKindReplacesLists() throws Exception {
    Node out = merge("""
        apiVersion: example.com/v1
        kind: Thing
        metadata:
          name: t
        spec:
          items:
          - name: b
          conf:
            $patch: replace
            z: 1
        """, """
        apiVersion: example.com/v1
        kind: Thing
        metadata:
          name: t
        spec:
          conf:
            a: 1
          items:
          - name: a
        """);
    assertEquals("{apiVersion: example.com/v1, kind: Thing, metadata: {name: t}, spec: {conf: {z: 1}, "
        + "items: [{name: b}]}}", TestYaml.show(out));
  }

  @Test
  void wholeResourceDelete() throws Exception {
    assertNull(merge("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n$patch: delete\n", DEP));
  }

  @Test
  void portsMergeByContainerPortAndProtocol() throws Exception {
    Node out = merge("""
        apiVersion: v1
        kind: Service
        metadata:
          name: s
        spec:
          ports:
          - name: https
            port: 443
        """, """
        apiVersion: v1
        kind: Service
        metadata:
          name: s
        spec:
          ports:
          - name: http
            port: 80
        """);
    assertEquals("{apiVersion: v1, kind: Service, metadata: {name: s}, spec: {ports: "
        + "[{name: https, port: 443}, {name: http, port: 80}]}}", TestYaml.show(out));
  }

  @Test
  void patchesByTargetSelectorKeepNames() throws Exception {
    ResourceList list = new ResourceList();
    list.add(new Resource(TestYaml.map(DEP), "dep.yaml"));
    list.add(new Resource(TestYaml.map(DEP.replace("name: web", "name: api")), "dep.yaml"));
    Resource patch = new Resource(TestYaml.map("""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: whatever
        spec:
          replicas: 3
        """), "p");
    Selector sel = new Selector("", "", "Deploy.*", "we.", "", "", "");
    Patches.applySmPatchToSet(list, sel.select(list.all()), patch, false, false);
    assertEquals("3", list.all().get(0).node().getMap("spec").getString("replicas"));
    assertEquals("web", list.all().get(0).name());
    assertEquals("1", list.all().get(1).node().getMap("spec").getString("replicas"));
  }

  @Test
  void labelSelectors() throws Exception {
    java.util.Map<String, String> labels = java.util.Map.of("app", "web", "tier", "fe");
    assertEquals(true, SelectorExpr.parse("app=web,tier in (fe, be)", "labelSelector").matches(labels));
    assertEquals(false, SelectorExpr.parse("app!=web", "labelSelector").matches(labels));
    assertEquals(true, SelectorExpr.parse("!missing,app", "labelSelector").matches(labels));
    assertEquals(false, SelectorExpr.parse("tier notin (fe)", "labelSelector").matches(labels));
  }

  @Test
  void jsonPatchRoundTripsThroughJson() throws Exception {
    Resource r = new Resource(TestYaml.map(DEP), "dep.yaml");
    JsonPatch p = JsonPatch.decode(TestYaml.parse("""
        - op: replace
          path: /spec/replicas
          value: 1000000
        - op: add
          path: /spec/template/spec/containers/-
          value: {name: z, image: "1.0"}
        - op: remove
          path: /spec/template/spec/containers/0/env
        - op: add
          path: /metadata/annotations
          value: {a~b: "yes"}
        """), "test");
    p.apply(r.node());
    assertEquals("{apiVersion: apps/v1, kind: Deployment, metadata: {annotations: {a~b: yes}, name: web}, "
        + "spec: {replicas: 1e+06, template: {spec: {containers: [{image: nginx:1, name: app}, "
        + "{image: x, name: other}, {image: 1.0, name: z}]}}}}", TestYaml.show(r.node()));
  }
}
