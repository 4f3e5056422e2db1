package dev.foresight.kustomize.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.resource.Resource;
import dev.foresight.kustomize.resource.ResourceList;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.Yaml;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expectations checked against kubectl kustomize (v5.5.0). */
class NameReferenceFidelityTest {

  private static ResourceList resources(String yaml) throws KustomizeException {
    ResourceList list = new ResourceList();
    for (Node n : Yaml.parseAll(yaml, "r.yaml")) {
      list.add(new Resource((MapNode) n, "r.yaml"));
    }
    return list;
  }

  @Test
  void roleBindingSubjectWithBlankNamespaceIsRefused() throws KustomizeException {
    ResourceList rs = resources("""
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: test
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata:
          name: test
        subjects:
        - kind: ServiceAccount
          name: test
          namespace:
        roleRef:
          kind: Role
          name: test
          apiGroup: rbac.authorization.k8s.io
        """);
    KustomizeException e = assertThrows(KustomizeException.class,
        () -> BuiltinTransformers.fixNameReferences(rs, TransformerConfig.builtin()));
    assertEquals("Invalid Input: namespace is blank for resource "
        + "\"RoleBinding.v1.rbac.authorization.k8s.io/test.[noNs]\"", e.getMessage());
  }

  @Test
  void roleBindingSubjectWithStringNamespaceIsFine() throws KustomizeException {
    ResourceList rs = resources("""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata:
          name: test
        subjects:
        - kind: ServiceAccount
          name: test
          namespace: "ns"
        """);
    BuiltinTransformers.fixNameReferences(rs, TransformerConfig.builtin());
  }

  @Test
  void mergeDropsACatchAllSpecAnEarlierKindSpecCovers() throws KustomizeException {
    FieldSpec any = new FieldSpec(new Gvk("", "", ""), "metadata/name", false);
    FieldSpec foo = new FieldSpec(new Gvk("", "", "Foo"), "metadata/name", false);
    assertEquals(List.of(foo), TransformerConfig.mergeAll(List.of(foo), List.of(any)));
    assertEquals(List.of(any, foo), TransformerConfig.mergeAll(List.of(any), List.of(foo)));
    assertTrue(foo.effectivelyEquals(any));
  }
}
