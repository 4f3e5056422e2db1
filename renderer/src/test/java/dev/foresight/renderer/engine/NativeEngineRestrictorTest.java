package dev.foresight.renderer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.kustomize.MapFileTree;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The native engine builds as Flux does (LoadRestrictionsNone), without falling back, inside the repository only. */
class NativeEngineRestrictorTest {

  private static final String KUSTOMIZATION = """
      resources:
      - deployment.yaml
      replacements:
      - path: %s
      """;
  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 1
      """;
  private static final String REPLACEMENT = """
      source:
        kind: Deployment
        name: web
        fieldPath: metadata.name
      targets:
      - select:
          kind: Deployment
        fieldPaths:
        - metadata.annotations.app
        options:
          create: true
      """;

  @Test
  void aReplacementFileOutsideTheKustomizationBuildsNativelyWithoutFallback() throws Exception {
    MapFileTree tree = new MapFileTree(Map.of(
        "apps/web/kustomization.yaml", KUSTOMIZATION.formatted("../../components/replace.yaml"),
        "apps/web/deployment.yaml", DEPLOYMENT,
        "components/replace.yaml", REPLACEMENT));
    NativeEngine engine = new NativeEngine(null);
    String out = engine.build(tree, "apps/web");
    assertTrue(out.contains("annotations:\n    app: web\n"), out);
    assertEquals(java.util.List.of(), engine.notes());
  }

  @Test
  void aPathEscapingTheRepositoryIsAnError() {
    MapFileTree tree = new MapFileTree(Map.of(
        "apps/web/kustomization.yaml", KUSTOMIZATION.formatted("../../../outside.yaml"),
        "apps/web/deployment.yaml", DEPLOYMENT));
    RenderException e = assertThrows(RenderException.class, () -> new NativeEngine(null).build(tree, "apps/web"));
    assertTrue(e.getMessage().contains("escapes the repository root"), e.getMessage());
  }
}
