package dev.foresight.differ;

import dev.foresight.schema.ChangeKind;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.PairAction;
import dev.foresight.schema.PlannedPair;
import dev.foresight.schema.RenderPlan;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.RenderStatus;
import dev.foresight.schema.RenderedSide;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Plans, results and manifests built in code. */
public final class Fixtures {

  public static final String CHANGE_ID = "0123456789abcdef";
  public static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

  private Fixtures() {}

  public static ChangeRequested change() {
    return ChangeRequested.newBuilder().setChangeId(CHANGE_ID).setRepo("https://git.example/infra.git")
        .setKind(ChangeKind.PUSH).setRef("refs/heads/master")
        .setBase("1111111111111111111111111111111111111111")
        .setHead("2222222222222222222222222222222222222222")
        .setSource("test").setRequestedAt(T0).build();
  }

  public static PlannedPair render(String profile, String ks) {
    return new PlannedPair(profile, ks, "flux-system", "./" + ks, PairAction.RENDER, null);
  }

  public static PlannedPair skip(String profile, String ks) {
    return new PlannedPair(profile, ks, "flux-system", "./" + ks, PairAction.SKIP, "unaffected");
  }

  public static RenderPlan plan(PlannedPair... pairs) {
    return new RenderPlan(CHANGE_ID, change(), new ArrayList<>(Arrays.asList(pairs)), null, T0, null);
  }

  public static RenderPlan failedPlan(String error) {
    return new RenderPlan(CHANGE_ID, change(), new ArrayList<>(), error, T0, null);
  }

  public static RenderResult ok(String profile, String ks, String base, String head) {
    return new RenderResult(CHANGE_ID, profile, ks, "flux-system", RenderStatus.OK, null,
        side(base), side(head), "test", 1L, new ArrayList<>(), 0, new ArrayList<>());
  }

  public static RenderResult error(String profile, String ks, String message) {
    return new RenderResult(CHANGE_ID, profile, ks, "flux-system", RenderStatus.ERROR, message,
        null, null, "test", 1L, new ArrayList<>(), 0, new ArrayList<>());
  }

  private static RenderedSide side(String content) {
    return content == null ? null : new RenderedSide(null, content, Math.max(1, content.split("\n---\n").length));
  }

  public static String yaml(String... documents) {
    return String.join("---\n", documents);
  }

  public static String configMap(String name, String... data) {
    StringBuilder s = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name
        + "\n  namespace: demo\ndata:\n");
    for (String d : data) {
      s.append("  ").append(d).append('\n');
    }
    return s.toString();
  }

  public static String deployment(String apiVersion, String name, String image, int replicas) {
    return "apiVersion: " + apiVersion + "\nkind: Deployment\nmetadata:\n  name: " + name
        + "\n  namespace: demo\nspec:\n  replicas: " + replicas
        + "\n  template:\n    spec:\n      containers:\n      - name: app\n        image: " + image + "\n";
  }

  public static String namespace(String name) {
    return "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + name + "\n";
  }

  public static List<RenderResult> list(RenderResult... results) {
    return new ArrayList<>(Arrays.asList(results));
  }
}
