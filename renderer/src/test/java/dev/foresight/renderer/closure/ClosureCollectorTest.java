package dev.foresight.renderer.closure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.kustomize.MapFileTree;
import dev.foresight.renderer.flux.SourceArtifactTree;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ClosureCollectorTest {

  private static final String CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n";

  private static MapFileTree tree(String... pathAndText) {
    Map<String, String> files = new TreeMap<>();
    for (int i = 0; i < pathAndText.length; i += 2) {
      files.put(pathAndText[i], pathAndText[i + 1]);
    }
    return new MapFileTree(files);
  }

  @Test
  void overlayOverBaseWithPatchesComponentsGeneratorsAndCrds() {
    MapFileTree t = tree(
        "apps/base/app/kustomization.yaml", "resources:\n- deployment.yaml\n- service.yaml\n",
        "apps/base/app/deployment.yaml", CM,
        "apps/base/app/service.yaml", CM,
        "apps/base/app/unused.yaml", CM,
        "apps/components/debug/kustomization.yaml",
        "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n- path: debug-patch.yaml\n",
        "apps/components/debug/debug-patch.yaml", CM,
        "apps/overlays/prod/kustomization.yml", String.join("\n",
            "resources:",
            "- ../../base/app",
            "- extra.yaml",
            "components:",
            "- ../../components/debug",
            "patches:",
            "- path: replicas.yaml",
            "- patch: |-",
            "    - op: add",
            "      path: /x",
            "      value: 1",
            "  target: {kind: Deployment}",
            "patchesStrategicMerge:",
            "- psm.yaml",
            "- |-",
            "  apiVersion: v1",
            "  kind: ConfigMap",
            "patchesJson6902:",
            "- path: json.yaml",
            "  target: {kind: Deployment, name: app}",
            "configMapGenerator:",
            "- name: settings",
            "  files:",
            "  - config.properties",
            "  - renamed.txt=files/data.txt",
            "  envs:",
            "  - app.env",
            "  literals:",
            "  - a=b",
            "secretGenerator:",
            "- name: creds",
            "  env: secret.env",
            "configurations:",
            "- nameref.yaml",
            "crds:",
            "- crds/widget.json",
            "openapi:",
            "  path: schema.json",
            "replacements:",
            "- path: repl.yaml",
            "- source: {kind: ConfigMap, name: x}",
            "  targets: []",
            "transformers:",
            "- labels.yaml",
            "generators:",
            "- |-",
            "  apiVersion: builtin",
            "  kind: PatchTransformer",
            "  metadata: {name: p}",
            "  path: inline-patch.yaml",
            ""),
        "apps/overlays/prod/extra.yaml", CM,
        "apps/overlays/prod/replicas.yaml", CM,
        "apps/overlays/prod/psm.yaml", CM,
        "apps/overlays/prod/json.yaml", "[]\n",
        "apps/overlays/prod/config.properties", "a=1\n",
        "apps/overlays/prod/files/data.txt", "d\n",
        "apps/overlays/prod/app.env", "A=1\n",
        "apps/overlays/prod/secret.env", "S=1\n",
        "apps/overlays/prod/nameref.yaml", "nameReference: []\n",
        "apps/overlays/prod/crds/widget.json", "{}\n",
        "apps/overlays/prod/schema.json", "{}\n",
        "apps/overlays/prod/repl.yaml", "[]\n",
        "apps/overlays/prod/labels.yaml",
        "apiVersion: builtin\nkind: PatchTransformer\nmetadata: {name: l}\npath: label-patch.yaml\n",
        "apps/overlays/prod/label-patch.yaml", CM,
        "apps/overlays/prod/inline-patch.yaml", CM,
        "apps/overlays/other/kustomization.yaml", "resources: []\n");

    Closure c = ClosureCollector.collect(t, "./apps/overlays/prod");

    assertEquals(List.of(), c.problems());
    assertEquals(Set.of(), c.remote());
    assertEquals(Set.of(), c.trees());
    assertEquals(Set.of("apps/overlays/prod", "apps/base/app", "apps/components/debug"), c.directories());
    String o = "apps/overlays/prod/";
    assertEquals(Set.of(
        "apps/base/app/kustomization.yaml", "apps/base/app/deployment.yaml", "apps/base/app/service.yaml",
        "apps/components/debug/kustomization.yaml", "apps/components/debug/debug-patch.yaml",
        o + "kustomization.yml", o + "extra.yaml", o + "replicas.yaml", o + "psm.yaml", o + "json.yaml",
        o + "config.properties", o + "files/data.txt", o + "app.env", o + "secret.env", o + "nameref.yaml",
        o + "crds/widget.json", o + "schema.json", o + "repl.yaml", o + "labels.yaml", o + "label-patch.yaml",
        o + "inline-patch.yaml"), c.files());
    assertFalse(c.alwaysAffected());
    assertFalse(c.files().contains("apps/base/app/unused.yaml"));
  }

  @Test
  void directoryWithoutKustomizationIsRecordedAsATreeAndItsKustomizationsFollowed() {
    MapFileTree t = tree(
        "clusters/prod/flux.yaml", CM,
        "clusters/prod/nested/more.yaml", CM,
        "clusters/prod/infra/kustomization.yaml", "resources:\n- ../../../infrastructure/base\n",
        "infrastructure/base/kustomization.yaml", "resources:\n- ns.yaml\n",
        "infrastructure/base/ns.yaml", CM);
    Closure c = ClosureCollector.collect(t, "clusters/prod");
    assertEquals(List.of(), c.problems());
    assertEquals(Set.of("clusters/prod"), c.trees());
    assertEquals(Set.of("clusters/prod", "clusters/prod/infra", "infrastructure/base"), c.directories());
    assertEquals(Set.of("clusters/prod/infra/kustomization.yaml", "infrastructure/base/kustomization.yaml",
        "infrastructure/base/ns.yaml"), c.files());
    assertTrue(c.intersects(Set.of("clusters/prod/nested/deeper/new.yaml")));
  }

  @Test
  void ofAnArtifactTheSourceignoreFilesOfTheInputsDirectoriesAreInputs() throws Exception {
    MapFileTree t = tree(
        ".sourceignore", "*.md\n",
        "apps/prod/kustomization.yaml", "resources:\n- ../base\n",
        "apps/base/kustomization.yaml", "resources:\n- cm.yaml\n",
        "apps/base/cm.yaml", CM,
        "other/.sourceignore", "x\n");
    Closure plain = ClosureCollector.collect(t, "apps/prod");
    assertFalse(plain.files().contains(".sourceignore"), "a plain tree has no .sourceignore semantics");
    Closure c = ClosureCollector.collect(SourceArtifactTree.of(t, null, null), "apps/prod");
    assertEquals(List.of(), c.problems(), "probing absent .sourceignore files is no problem");
    assertEquals(Set.of(".sourceignore", "apps/.sourceignore", "apps/base/.sourceignore", "apps/prod/.sourceignore",
        "apps/base/cm.yaml", "apps/base/kustomization.yaml", "apps/prod/kustomization.yaml"), c.files());
    assertTrue(c.intersects(Set.of("apps/base/.sourceignore")), "one appearing next to an input");
    assertFalse(c.intersects(Set.of("other/.sourceignore")));
  }

  @Test
  void fluxComponentsAreResolvedAgainstThePath() {
    MapFileTree t = tree(
        "apps/prod/kustomization.yaml", "resources: []\n",
        "apps/components/x/kustomization.yaml", "kind: Component\nresources:\n- cm.yaml\n",
        "apps/components/x/cm.yaml", CM);
    Closure c = ClosureCollector.collect(t, "apps/prod", List.of("../components/x"));
    assertTrue(c.files().contains("apps/components/x/cm.yaml"), c.toString());
    assertTrue(c.directories().contains("apps/components/x"));
  }

  @Test
  void missingFileMakesTheClosureIncompleteAndIsRecorded() {
    MapFileTree t = tree(
        "a/kustomization.yaml", "resources:\n- gone.yaml\npatches:\n- path: nope.yaml\n");
    Closure c = ClosureCollector.collect(t, "a");
    assertTrue(c.incomplete());
    assertTrue(c.alwaysAffected());
    assertTrue(c.files().containsAll(Set.of("a/gone.yaml", "a/nope.yaml")), c.toString());
    assertEquals(2, c.problems().size(), c.problems().toString());
    assertTrue(c.problems().get(0).contains("a/kustomization.yaml resources"), c.problems().toString());
  }

  @Test
  void missingPathAndBrokenYamlAreIncomplete() {
    Closure missing = ClosureCollector.collect(tree("x/y.yaml", CM), "apps/none");
    assertTrue(missing.incomplete());
    assertTrue(missing.files().contains("apps/none"));
    assertTrue(missing.intersects(Set.of("apps/none/kustomization.yaml")));

    Closure broken = ClosureCollector.collect(tree("a/kustomization.yaml", "resources: [unclosed\n"), "a");
    assertTrue(broken.incomplete(), broken.toString());
    assertTrue(broken.files().contains("a/kustomization.yaml"));

    Closure notAList = ClosureCollector.collect(tree("a/kustomization.yaml", "resources: {a: b}\n"), "a");
    assertTrue(notAList.incomplete(), notAList.toString());

    Closure noKustomization = ClosureCollector.collect(
        tree("a/kustomization.yaml", "resources:\n- ../b\n", "b/plain.yaml", CM), "a");
    assertTrue(noKustomization.incomplete(), noKustomization.toString());
    assertTrue(noKustomization.trees().contains("b"));
  }

  @Test
  void remoteResourcesAreRecorded() {
    MapFileTree t = tree("a/kustomization.yaml", String.join("\n",
        "resources:",
        "- https://github.com/org/repo/deploy?ref=v1.2.3",
        "- github.com/kubernetes-sigs/kustomize/examples/multibases?ref=v3.3.1",
        "- local.yaml",
        "helmCharts:",
        "- name: podinfo",
        "  repo: https://stefanprodan.github.io/podinfo",
        "  version: 6.0.0",
        "  valuesFile: values.yaml",
        ""), "a/local.yaml", CM, "a/values.yaml", "x: 1\n");
    Closure c = ClosureCollector.collect(t, "a");
    assertEquals(List.of(), c.problems());
    assertEquals(3, c.remote().size(), c.remote().toString());
    assertTrue(c.remote().contains("https://github.com/org/repo/deploy?ref=v1.2.3"));
    assertTrue(c.files().containsAll(Set.of("a/local.yaml", "a/values.yaml")));
    assertTrue(c.trees().contains("a/charts"));
    assertTrue(c.alwaysAffected());
    assertFalse(c.incomplete());
  }

  @Test
  void pathsEscapingTheRootAreIncompleteNotExceptions() {
    MapFileTree t = tree("a/kustomization.yaml", "resources:\n- ../../../etc\n- /abs/path.yaml\n- ok.yaml\n",
        "a/ok.yaml", CM);
    Closure c = ClosureCollector.collect(t, "a");
    assertTrue(c.incomplete());
    assertEquals(2, c.problems().size(), c.problems().toString());
    assertTrue(c.problems().get(0).contains("escapes"), c.problems().toString());
    assertTrue(c.files().contains("a/ok.yaml"));

    Closure root = ClosureCollector.collect(t, "../..");
    assertTrue(root.incomplete());
  }

  @Test
  void transformerKustomizationDirectoriesAndTheFilesTheirConfigsName() {
    MapFileTree t = tree(
        "a/kustomization.yaml", "resources:\n- cm.yaml\ntransformers:\n- ../transformers\n",
        "a/cm.yaml", CM,
        "a/patch.yaml", CM,
        "transformers/kustomization.yaml", "resources:\n- patcher.yaml\n",
        "transformers/patcher.yaml",
        "apiVersion: builtin\nkind: PatchTransformer\nmetadata: {name: p}\npath: patch.yaml\n");
    Closure c = ClosureCollector.collect(t, "a");
    assertEquals(List.of(), c.problems());
    assertTrue(c.files().containsAll(Set.of("transformers/patcher.yaml", "a/patch.yaml")), c.toString());
  }

  @Test
  void cyclesTerminate() {
    MapFileTree t = tree("a/kustomization.yaml", "resources:\n- ../b\n", "b/kustomization.yaml", "resources:\n- ../a\n");
    Closure c = ClosureCollector.collect(t, "a");
    assertEquals(Set.of("a", "b"), c.directories());
  }

  @Test
  void rootKustomizationAtTheRepositoryRoot() {
    MapFileTree t = tree("kustomization.yaml", "resources:\n- cm.yaml\n", "cm.yaml", CM, "other/x.yaml", CM);
    Closure c = ClosureCollector.collect(t, "./");
    assertEquals(Set.of("kustomization.yaml", "cm.yaml"), c.files());
    assertEquals(Set.of(""), c.directories());
    assertTrue(c.intersects(Set.of("new.yaml")));
    assertFalse(c.intersects(Set.of("other/x.yaml")));
  }
}
