package dev.foresight.renderer;

import static dev.foresight.renderer.FluxHarness.entry;
import static dev.foresight.renderer.FluxHarness.ks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.RenderPlan;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.RenderStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** foresight.yaml profiles and sources; sources that cannot be read. */
class ForesightYamlTest extends FluxTestBase {

  static String cm(String name) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n  a: b\n";
  }

  @Test
  void configuredProfilesReplaceDiscovery() throws Exception {
    Map<String, String> files = new HashMap<>();
    files.put("foresight.yaml", "profiles:\n- name: edge\n  path: ./fleet/edge\n");
    files.put("fleet/edge/app.yaml", ks("app", "./app"));
    files.put("app/cm.yaml", cm("app"));
    files.put("profiles/ignored/kustomization.yaml", entry("x.yaml"));
    String head = flux.commit(files);
    assertEquals(List.of("edge:flux-system/app@app"), FluxHarness.pairs(flux.plan(ChangeIds.ZERO_SHA, head)));
  }

  @Test
  void clustersAreTheDefaultWithoutProfilesDirectory() throws Exception {
    String head = flux.commit(Map.of("clusters/one/app.yaml", ks("app", "./app"), "app/cm.yaml", cm("app")));
    assertEquals(List.of("one:flux-system/app@app"), FluxHarness.pairs(flux.plan(ChangeIds.ZERO_SHA, head)));
  }

  @Test
  void malformedForesightYamlIsAPlanErrorNamingFileLineAndField() throws Exception {
    String head = flux.commit(Map.of("foresight.yaml", "profiles:\n- name: edge\n  path: ./fleet\n- name: core\n"
        + "  pth: ./core\n", "clusters/one/app.yaml", ks("app", "./app")));
    RenderPlan plan = flux.renderer.plan(flux.change(ChangeIds.ZERO_SHA, head));
    assertTrue(plan.getError() != null && plan.getError().contains("foresight.yaml:5: profiles[1].pth unknown field"),
        plan.getError());
    assertEquals(List.of(), plan.getPairs());
  }

  @Test
  void anotherGitRepositoryIsRenderedFromItsMirrorAtTheRefsTip() throws Exception {
    TestRepo other = TestRepo.init(tmp.resolve("platform"));
    other.write("shared/monitoring/cm.yaml", cm("monitoring")).commit("platform v1");
    Map<String, String> files = new HashMap<>();
    // the source is fetched because the base branch lists it (a source only head names is not: ADR 0010)
    String base = flux.commit(Map.of("foresight.yaml",
        "sources:\n  flux-system/platform:\n    url: " + other.dir() + "\n    ref: master\n"));
    files.put("clusters/one/kustomization.yaml", entry("monitoring.yaml", "unknown.yaml", "oci.yaml"));
    files.put("clusters/one/monitoring.yaml", ks("monitoring", "./shared/monitoring").replace("name: flux-system",
        "name: platform"));
    files.put("clusters/one/unknown.yaml", ks("unknown", "./x").replace("name: flux-system", "name: elsewhere"));
    files.put("clusters/one/oci.yaml", ks("oci", "./").replace("kind: GitRepository", "kind: OCIRepository")
        .replace("name: flux-system", "name: podinfo"));
    String head = flux.commit(files);
    RenderPlan plan = flux.plan(base, head);
    assertEquals(List.of("one:flux-system/monitoring@shared/monitoring", "one:flux-system/oci@",
        "one:flux-system/unknown@x"), FluxHarness.pairs(plan));

    RenderResult monitoring = flux.render(base, head, "one", "flux-system", "monitoring");
    assertEquals(RenderStatus.OK, monitoring.getStatus(), monitoring.getError());
    assertTrue(monitoring.getHead().getContent().contains("name: monitoring"), monitoring.getHead().getContent());

    RenderResult unknown = flux.render(base, head, "one", "flux-system", "unknown");
    assertEquals(RenderStatus.OK, unknown.getStatus(), unknown.getError());
    assertNull(unknown.getHead());
    assertTrue(unknown.getWarnings().get(0).contains("GitRepository flux-system/elsewhere")
        && unknown.getWarnings().get(0).contains("foresight.yaml"), unknown.getWarnings().toString());

    RenderResult oci = flux.render(base, head, "one", "flux-system", "oci");
    assertEquals(RenderStatus.OK, oci.getStatus(), oci.getError());
    assertNull(oci.getHead());
    assertEquals(List.of("not rendered: source OCIRepository flux-system/podinfo not fetched: OCIRepository sources"
        + " cannot be read offline"), oci.getWarnings());
    other.close();
  }
}
