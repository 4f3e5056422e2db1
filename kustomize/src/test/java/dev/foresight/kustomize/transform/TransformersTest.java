package dev.foresight.kustomize.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.MapFileTree;
import dev.foresight.kustomize.build.BuildContext;
import dev.foresight.kustomize.resource.Resource;
import dev.foresight.kustomize.resource.ResourceList;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden-style checks: input resources + kustomization fields -> expected trees. */
class TransformersTest {

  private static ResourceList resources(String yaml) throws KustomizeException {
    ResourceList list = new ResourceList();
    for (Node n : PlainNodes.parseAll(yaml)) {
      list.add(new Resource((MapNode) n, "test"));
    }
    return list;
  }

  private static BuildContext ctx() {
    return new BuildContext(null, "", "kustomization.yaml", TransformerConfig.builtin());
  }

  private static void assertSame(String expectedYaml, ResourceList actual) {
    List<Node> expected = PlainNodes.parseAll(expectedYaml);
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(Plain.of(expected.get(i)), Plain.of(actual.all().get(i).node()));
    }
  }

  @Test
  void builtinConfigHasEveryCategory() {
    TransformerConfig tc = TransformerConfig.builtin();
    for (TransformerConfig.Category c : TransformerConfig.Category.values()) {
      if (c != TransformerConfig.Category.LABELS) {
        assertFalse(tc.get(c).isEmpty(), c.key());
      }
    }
    assertFalse(tc.nameReference().isEmpty());
  }

  @Test
  void namespacePrefixAndNameReference() throws Exception {
    ResourceList rs = resources("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: cm}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers:
              - name: c
                image: nginx:1.0
                envFrom:
                - configMapRef: {name: cm}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: crb}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r}
        subjects:
        - {kind: ServiceAccount, name: default}
        """);
    MapNode k = PlainNodes.map(java.util.Map.of("namespace", "ns1", "namePrefix", "p-"));
    BuiltinTransformers.namespace(rs, k, ctx());
    BuiltinTransformers.prefixSuffix(rs, k, ctx());
    BuiltinTransformers.images(rs, PlainNodes.map(java.util.Map.of("images",
        List.of(java.util.Map.of("name", "nginx", "newTag", "2.0")))), ctx());
    BuiltinTransformers.fixNameReferences(rs, TransformerConfig.builtin());
    assertSame("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: p-cm, namespace: ns1}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: p-web, namespace: ns1}
        spec:
          template:
            spec:
              containers:
              - name: c
                image: nginx:2.0
                envFrom:
                - configMapRef: {name: p-cm}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: p-crb}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r}
        subjects:
        - {kind: ServiceAccount, name: default, namespace: ns1}
        """, rs);
  }

  @Test
  void commonLabelsAndAnnotations() throws Exception {
    ResourceList rs = resources("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec: {}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: svc}
        """);
    MapNode k = PlainNodes.map(java.util.Map.of("commonLabels", java.util.Map.of("app", "a"),
        "commonAnnotations", java.util.Map.of("note", "x")));
    BuiltinTransformers.labels(rs, k, ctx());
    BuiltinTransformers.annotations(rs, k, ctx());
    assertSame("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, labels: {app: a}, annotations: {note: x}}
        spec:
          template:
            spec: {}
            metadata: {labels: {app: a}, annotations: {note: x}}
          selector: {matchLabels: {app: a}}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: svc, labels: {app: a}, annotations: {note: x}}
        spec: {selector: {app: a}}
        """, rs);
  }

  @Test
  void replicasAndErrors() throws Exception {
    ResourceList rs = resources("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        """);
    BuiltinTransformers.replicas(rs, PlainNodes.map(java.util.Map.of("replicas",
        List.of(java.util.Map.of("name", "web", "count", 3)))), ctx());
    assertSame("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec: {replicas: 3}
        """, rs);
    assertThrows(KustomizeException.class, () -> BuiltinTransformers.replicas(rs, PlainNodes.map(
        java.util.Map.of("replicas", List.of(java.util.Map.of("name", "nope", "count", 3)))), ctx()));
  }

  @Test
  void vars() throws Exception {
    ResourceList rs = resources("""
        apiVersion: v1
        kind: Service
        metadata: {name: db}
        spec: {ports: [{port: 5432}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
          - name: c
            command: ["run", "--db=$(DB)", "$$(X)"]
        """);
    MapNode var = PlainNodes.map(java.util.Map.of("name", "DB",
        "objref", java.util.Map.of("kind", "Service", "name", "db", "apiVersion", "v1")));
    BuiltinTransformers.bindVar(rs, var);
    BuiltinTransformers.resolveVars(rs, List.of(var), TransformerConfig.builtin());
    MapNode pod = rs.all().get(1).node();
    assertEquals(List.of("run", "--db=db", "$(X)"),
        Plain.of(pod.getMap("spec").getSeq("containers").items().get(0).toString().isEmpty() ? null
            : ((MapNode) pod.getMap("spec").getSeq("containers").items().get(0)).get("command")));
  }

  @Test
  void imageSplit() {
    assertEquals(List.of("a/b", "1", ""), List.of(ImageTransformer.split("a/b:1")));
    assertEquals(List.of("host:5000/b", "", "sha256:x"), List.of(ImageTransformer.split("host:5000/b@sha256:x")));
  }

  /** Nodes as plain Java values, for comparisons that ignore style and order-insensitive maps. */
  static final class Plain {
    static Object of(Node n) {
      if (n instanceof MapNode m) {
        java.util.Map<String, Object> out = new java.util.TreeMap<>();
        m.entries().forEach(e -> out.put(e.key().value(), of(e.value())));
        return out;
      }
      if (n instanceof dev.foresight.kustomize.yaml.SeqNode s) {
        return s.items().stream().map(Plain::of).toList();
      }
      return n == null ? null : n.toString();
    }
  }
}
