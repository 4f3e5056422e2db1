package dev.foresight.kustomize.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.MapFileTree;
import dev.foresight.kustomize.UnsupportedFeature;
import dev.foresight.kustomize.resource.Resource;
import dev.foresight.kustomize.resource.ResourceList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The KustTarget pipeline on in-memory trees (test YAML adapter). */
class BuildTest {

  private static final String CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\ndata:\n  a: b\n";

  private static ResourceList build(Map<String, String> files, String dir) throws KustomizeException {
    return Build.run(new MapFileTree(files), dir, TestYaml.PARSER);
  }

  private static List<String> names(ResourceList list) {
    return list.all().stream().map(r -> r.kind() + "/" + r.name()).toList();
  }

  @Test
  void hashSuffixMatchesKustomize() throws KustomizeException {
    // kubectl kustomize (v5.5.0) prints test-92cfcmc8b5 and test-k9cc55dfm5 for these
    ResourceList out = build(Map.of("kustomization.yaml",
        "configMapGenerator:\n- name: test\n  literals:\n  - TEST=x\n"), "");
    assertEquals("test-92cfcmc8b5", out.all().get(0).name());
    out = build(Map.of("kustomization.yaml",
        "configMapGenerator:\n- name: test\n  literals:\n  - TEST=this is a 'test'\n"), "");
    assertEquals("test-k9cc55dfm5", out.all().get(0).name());
  }

  @Test
  void secretGeneratorEncodesAndTypes() throws KustomizeException {
    Resource secret = build(Map.of("kustomization.yaml",
        "secretGenerator:\n- name: s\n  literals:\n  - FRUIT=apple\n  options:\n    disableNameSuffixHash: true\n"),
        "").all().get(0);
    assertEquals("s", secret.name());
    assertEquals("Opaque", secret.node().getString("type"));
    assertEquals("YXBwbGU=", secret.node().getMap("data").getString("FRUIT"));
  }

  @Test
  void generatorsReadFilesEnvsAndMergeIntoBase() throws KustomizeException {
    Map<String, String> files = Map.of(
        "base/kustomization.yaml", "configMapGenerator:\n- name: cm\n  literals:\n  - a=1\n",
        "overlay/kustomization.yaml", "resources:\n- ../base\ngeneratorOptions:\n  labels:\n    x: y\n"
            + "configMapGenerator:\n- name: cm\n  behavior: merge\n  envs:\n  - vars.env\n  files:\n  - k=data.txt\n",
        "overlay/vars.env", "# comment\nB=2\n",
        "overlay/data.txt", "hello\n");
    Resource cm = build(files, "overlay").all().get(0);
    assertEquals(List.of("a", "B", "k").stream().sorted().toList(), cm.node().getMap("data").keys());
    assertEquals("y", cm.stringMap("labels").get("x"));
    assertTrue(cm.name().startsWith("cm-"));
  }

  @Test
  void generatorWithoutBaseCannotMerge() {
    assertThrows(KustomizeException.class, () -> build(Map.of("kustomization.yaml",
        "configMapGenerator:\n- name: cm\n  behavior: merge\n  literals:\n  - a=1\n"), ""));
  }

  @Test
  void legacyOrder() throws KustomizeException {
    Map<String, String> files = Map.of(
        "kustomization.yaml", "resources:\n- r.yaml\n",
        "r.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n---\n"
            + "apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\nmetadata:\n  name: w\n---\n"
            + "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n---\n"
            + "apiVersion: v1\nkind: Service\nmetadata:\n  name: b\n---\n"
            + "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n---\n"
            + "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n");
    assertEquals(List.of("Namespace/ns", "Service/a", "Service/b", "Deployment/d", "Pod/p",
        "ValidatingWebhookConfiguration/w"), names(build(files, "")));
  }

  @Test
  void fifoSortOption() throws KustomizeException {
    Map<String, String> files = Map.of(
        "kustomization.yaml", "resources:\n- r.yaml\nsortOptions:\n  order: fifo\n",
        "r.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n");
    assertEquals(List.of("Pod/p", "Namespace/n"), names(build(files, "")));
  }

  @Test
  void loadRestrictionsRefuseFilesOutsideTheKustomization() {
    Map<String, String> files = Map.of(
        "app/kustomization.yaml", "resources:\n- ../cm.yaml\n",
        "cm.yaml", CM.formatted("x"));
    KustomizeException e = assertThrows(KustomizeException.class, () -> build(files, "app"));
    assertFalse(e instanceof UnsupportedFeature);
    assertTrue(e.getMessage().contains("security"), e.getMessage());
  }

  @Test
  void directoriesMayBeAnywhereInTheTree() throws KustomizeException {
    Map<String, String> files = Map.of(
        "app/kustomization.yaml", "resources:\n- ../base\n",
        "base/kustomization.yaml", "resources:\n- cm.yaml\n",
        "base/cm.yaml", CM.formatted("x"));
    assertEquals(List.of("ConfigMap/x"), names(build(files, "app")));
  }

  @Test
  void climbingAboveTheTreeIsRefused() {
    assertThrows(KustomizeException.class, () -> build(Map.of("kustomization.yaml", "resources:\n- ../x\n"), ""));
  }

  @Test
  void cyclesAreDetected() {
    Map<String, String> files = Map.of(
        "a/kustomization.yaml", "resources:\n- b\n",
        "a/b/kustomization.yaml", "resources:\n- ..\n");
    KustomizeException e = assertThrows(KustomizeException.class, () -> build(files, "a"));
    assertTrue(e.getMessage().contains("cycle detected"), e.getMessage());
  }

  @Test
  void componentRules() throws KustomizeException {
    String component = "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n"
        + "configMapGenerator:\n- name: c\n  literals:\n  - a=b\n";
    assertThrows(KustomizeException.class, () -> build(Map.of(
        "kustomization.yaml", "resources:\n- comp\n", "comp/kustomization.yaml", component), ""));
    assertThrows(KustomizeException.class, () -> build(Map.of(
        "kustomization.yaml", "components:\n- base\n", "base/kustomization.yaml", "resources:\n- cm.yaml\n",
        "base/cm.yaml", CM.formatted("x")), ""));
    ResourceList out = build(Map.of("kustomization.yaml", "resources:\n- cm.yaml\ncomponents:\n- comp\n",
        "cm.yaml", CM.formatted("x"), "comp/kustomization.yaml", component), "");
    assertEquals(2, out.size());
  }

  @Test
  void duplicateIdsAreRefused() {
    Map<String, String> files = Map.of(
        "kustomization.yaml", "resources:\n- a.yaml\n- b.yaml\n",
        "a.yaml", CM.formatted("x"), "b.yaml", CM.formatted("x"));
    KustomizeException e = assertThrows(KustomizeException.class, () -> build(files, ""));
    assertTrue(e.getMessage().contains("already registered id"), e.getMessage());
  }

  @Test
  void kustomizationFileRules() throws KustomizeException {
    assertThrows(KustomizeException.class, () -> build(Map.of("kustomization.yaml", "resourcez:\n- a.yaml\n"), ""));
    assertThrows(KustomizeException.class, () -> build(Map.of("kustomization.yaml", "namePrefix: 1\n"), ""));
    assertThrows(KustomizeException.class, () -> build(Map.of("kustomization.yaml", "resources: []\n",
        "Kustomization", "resources: []\n"), ""));
    assertThrows(KustomizeException.class, () -> build(Map.of("kustomization.yaml", "kind: Kustomization\n"), ""));
    assertThrows(KustomizeException.class, () -> build(Map.of("x.yaml", "a: b\n"), ""));
    // bases and case-insensitive names are folded in as kustomize does
    assertEquals(1, build(Map.of("kustomization.yaml", "Bases:\n- b\n", "b/kustomization.yaml",
        "resources:\n- cm.yaml\n", "b/cm.yaml", CM.formatted("x")), "").size());
    UnsupportedFeature helm = assertThrows(UnsupportedFeature.class,
        () -> build(Map.of("kustomization.yaml", "helmCharts:\n- name: x\n"), ""));
    assertEquals("helmCharts", helm.feature());
  }

  @Test
  void listsAreExpanded() throws KustomizeException {
    Map<String, String> files = Map.of("kustomization.yaml", "resources:\n- l.yaml\n",
        "l.yaml", "apiVersion: v1\nkind: List\nitems:\n- " + CM.formatted("a").replace("\n", "\n  ").trim()
            + "\n- " + CM.formatted("b").replace("\n", "\n  ").trim() + "\n");
    assertEquals(List.of("ConfigMap/a", "ConfigMap/b"), names(build(files, "")));
  }
}
