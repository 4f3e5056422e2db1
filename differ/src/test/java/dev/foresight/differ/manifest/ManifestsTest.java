package dev.foresight.differ.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestsTest {

  @Test
  void splitsDocumentsAndReadsIdentity() {
    String content = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n---\n"
        + "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: demo\n"
        + "spec:\n  template: |\n    ---\n    not a separator\n";
    List<Manifest> manifests = Manifests.split(content);
    assertEquals(2, manifests.size());
    assertEquals(new ObjectKey("", "Namespace", "", "demo"), manifests.get(0).key());
    assertNull(manifests.get(0).namespace());
    assertEquals(new ObjectKey("apps", "Deployment", "demo", "web"), manifests.get(1).key());
    assertEquals("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n", manifests.get(0).text());
    assertEquals("Deployment/demo/web", manifests.get(1).key().path());
  }

  @Test
  void blankDocumentsAreDroppedAndUnreadableOnesKept() {
    List<Manifest> manifests = Manifests.split("---\n\n---\n: [broken\n---\n- a list\n");
    assertEquals(List.of("document-1", "document-2"), manifests.stream().map(Manifest::name).toList());
    assertEquals("Unknown", manifests.get(0).kind());
    assertEquals(List.of(), Manifests.split(""));
  }
}
