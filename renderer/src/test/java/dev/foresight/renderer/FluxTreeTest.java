package dev.foresight.renderer;

import static dev.foresight.renderer.FluxHarness.entry;
import static dev.foresight.renderer.FluxHarness.ks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.RenderPlan;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.RenderStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tree walk: children from the parent's rendered, patched and substituted output. */
class FluxTreeTest extends FluxTestBase {

  static String configMap(String name, String... data) {
    StringBuilder out = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n");
    for (String d : data) {
      out.append("  ").append(d).append('\n');
    }
    return out.toString();
  }

  RenderResult ok(RenderResult result) {
    assertEquals(RenderStatus.OK, result.getStatus(), result.getError());
    return result;
  }

  @Test
  void variablesInSpecPathAreSetByTheParentsSubstitution() throws Exception {
    Map<String, String> files = new HashMap<>();
    files.put("clusters/prod/kustomization.yaml", entry("cluster.yaml", "vars.yaml"));
    files.put("clusters/prod/cluster.yaml", ks("cluster", "./kubernetes/apps", """
        postBuild:
          substituteFrom:
          - kind: ConfigMap
            name: cluster-settings
        """));
    files.put("clusters/prod/vars.yaml", configMap("cluster-settings", "CLUSTER: prod").replace("metadata:\n",
        "metadata:\n  namespace: flux-system\n"));
    // no kustomization.yaml: generated; the child's namespace comes from metadata.namespace
    files.put("kubernetes/apps/podinfo/ks.yaml", ks("podinfo", "./kubernetes/apps/podinfo/${CLUSTER}"));
    files.put("kubernetes/apps/podinfo/prod/kustomization.yaml", "resources:\n- cm.yaml\n");
    files.put("kubernetes/apps/podinfo/prod/cm.yaml", configMap("podinfo", "size: large"));
    String head = flux.commit(files);
    RenderPlan plan = flux.plan(ChangeIds.ZERO_SHA, head);
    assertEquals(List.of("prod:flux-system/cluster@kubernetes/apps",
        "prod:flux-system/podinfo@kubernetes/apps/podinfo/prod"), FluxHarness.pairs(plan));
    RenderResult podinfo = ok(flux.render(head, "prod", "podinfo"));
    assertTrue(podinfo.getHead().getContent().contains("size: large"), podinfo.getHead().getContent());
  }

  @Test
  void aParentPatchesItsChildrenAndEscapedVariablesPassTwoStages() throws Exception {
    Map<String, String> files = new HashMap<>();
    files.put("clusters/prod/kustomization.yaml", entry("apps.yaml"));
    files.put("clusters/prod/apps.yaml", ks("apps", "./apps", """
        postBuild:
          substitute:
            CLUSTER: prod
        patches:
        - target:
            group: kustomize.toolkit.fluxcd.io
            kind: Kustomization
          patch: |
            - op: add
              path: /spec/postBuild
              value:
                substitute:
                  GREETING: hello-${CLUSTER}
            - op: add
              path: /spec/patches
              value:
              - target:
                  kind: ConfigMap
                patch: |
                  - op: add
                    path: /metadata/annotations
                    value:
                      note: $${GREETING}-world
        """));
    files.put("apps/kustomization.yaml", "namespace: flux-system\nresources:\n- web-ks.yaml\n");
    // no metadata.namespace: the child's namespace is the one the parent's kustomization sets
    files.put("apps/web-ks.yaml", ks("web", "./web").replace("  namespace: flux-system\n", ""));
    files.put("web/kustomization.yaml", "resources:\n- cm.yaml\n");
    files.put("web/cm.yaml", configMap("web", "who: ${GREETING}"));
    String head = flux.commit(files);
    assertEquals(List.of("prod:flux-system/apps@apps", "prod:flux-system/web@web"),
        FluxHarness.pairs(flux.plan(ChangeIds.ZERO_SHA, head)));
    String parent = ok(flux.render(head, "prod", "apps")).getHead().getContent();
    assertTrue(parent.contains("GREETING: hello-prod") && parent.contains("note: ${GREETING}-world"), parent);
    RenderResult web = ok(flux.render(head, "prod", "web"));
    String out = web.getHead().getContent();
    assertTrue(out.contains("note: hello-prod-world"), "patched by the child, substituted by the child:\n" + out);
    assertTrue(out.contains("who: hello-prod"), out);
    assertEquals(List.of(), web.getWarnings());
  }

  @Test
  void aCycleIsReportedAndNotRenderedAgain() throws Exception {
    Map<String, String> files = new HashMap<>();
    files.put("clusters/prod/kustomization.yaml", entry("a.yaml"));
    files.put("clusters/prod/a.yaml", ks("a", "./a"));
    files.put("a/b.yaml", ks("b", "./b"));
    files.put("b/a.yaml", ks("a", "./a"));
    files.put("b/cm.yaml", configMap("b", "x: y"));
    String head = flux.commit(files);
    assertEquals(List.of("prod:flux-system/a@a", "prod:flux-system/b@b"),
        FluxHarness.pairs(flux.plan(ChangeIds.ZERO_SHA, head)));
    RenderResult b = ok(flux.render(head, "prod", "b"));
    assertEquals(1, b.getWarnings().size(), b.getWarnings().toString());
    assertTrue(b.getWarnings().get(0).startsWith("cycle: Flux Kustomization flux-system/a")
        && b.getWarnings().get(0).contains("flux-system/a → flux-system/b → flux-system/a"), b.getWarnings().get(0));
    assertEquals(List.of(), ok(flux.render(head, "prod", "a")).getWarnings());
  }

  @Test
  void fluxBootstrapRendersTheOthersFromTheFluxSystemOutputSilently() throws Exception {
    Map<String, String> files = new HashMap<>();
    // the GitRepository is named after the repository, as `flux bootstrap github --repository home-ops` does
    files.put("clusters/prod/flux-system/kustomization.yaml", "resources:\n- gotk-sync.yaml\n");
    files.put("clusters/prod/flux-system/gotk-sync.yaml", homeOps(ks("flux-system", "./clusters/prod",
        "postBuild:\n  substitute:\n    ENV: prod")));
    files.put("clusters/prod/apps.yaml", homeOps(ks("apps", "./apps/${ENV}")));
    files.put("apps/prod/cm.yaml", configMap("apps", "env: prod"));
    String head = flux.commit(files);
    assertEquals(List.of("prod:flux-system/apps@apps/prod", "prod:flux-system/flux-system@clusters/prod"),
        FluxHarness.pairs(flux.plan(ChangeIds.ZERO_SHA, head)));
    assertEquals(List.of(), ok(flux.render(head, "prod", "flux-system")).getWarnings());
    RenderResult apps = ok(flux.render(head, "prod", "apps"));
    assertTrue(apps.getHead().getContent().contains("env: prod"), "taken from flux-system's substituted output");
    assertEquals(List.of(), apps.getWarnings());
  }

  static String homeOps(String ks) {
    return ks.replace("    name: flux-system\n", "    name: home-ops\n");
  }

  @Test
  void deeperThanTenLevelsIsReported() throws Exception {
    Map<String, String> files = new HashMap<>();
    files.put("clusters/prod/kustomization.yaml", entry("l1.yaml"));
    files.put("clusters/prod/l1.yaml", ks("l1", "./l1"));
    for (int i = 1; i <= 11; i++) {
      files.put("l" + i + "/next.yaml", ks("l" + (i + 1), "./l" + (i + 1)));
    }
    files.put("l12/cm.yaml", configMap("end"));
    String head = flux.commit(files);
    RenderPlan plan = flux.plan(ChangeIds.ZERO_SHA, head);
    assertEquals(10, plan.getPairs().size(), FluxHarness.pairs(plan).toString());
    RenderResult l10 = ok(flux.render(head, "prod", "l10"));
    assertTrue(l10.getWarnings().get(0).contains("flux-system/l11 not rendered: deeper than 10"),
        l10.getWarnings().toString());
  }
}
