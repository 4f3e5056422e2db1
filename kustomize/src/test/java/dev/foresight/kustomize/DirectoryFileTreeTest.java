package dev.foresight.kustomize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Symbolic links in a directory tree: followed inside it, refused (naming link and target) when they leave it. */
class DirectoryFileTreeTest {

  @TempDir Path tmp;

  @Test
  void aLinkOutOfTheTreeIsRefusedNamingItAndItsTarget() throws Exception {
    Path tree = tmp.resolve("repo");
    Files.createDirectories(tree.resolve("apps/web"));
    Files.writeString(tmp.resolve("secret.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: host}\n");
    Files.writeString(tree.resolve("apps/web/kustomization.yaml"), "resources:\n- host.yaml\n");
    Files.createSymbolicLink(tree.resolve("apps/web/host.yaml"), Path.of("../../../secret.yaml"));
    DirectoryFileTree files = new DirectoryFileTree(tree);
    IOException read = assertThrows(IOException.class, () -> files.read("apps/web/host.yaml"));
    assertTrue(read.getMessage().startsWith("'apps/web/host.yaml' is a symbolic link to '../../../secret.yaml',"
        + " which points out of the tree "), read.getMessage());
    for (LoadRestrictor restrictor : LoadRestrictor.values()) {
      KustomizeException e = assertThrows(KustomizeException.class,
          () -> Kustomizer.buildYaml(files, "apps/web", restrictor));
      assertTrue(e.getMessage().contains("'apps/web/host.yaml' is a symbolic link to '../../../secret.yaml', which"
          + " points out of the tree"), restrictor + ": " + e.getMessage());
    }
  }

  @Test
  void realPathFollowsLinksInsideTheTree() throws Exception {
    Path tree = tmp.resolve("repo");
    Files.createDirectories(tree.resolve("shared"));
    Files.createDirectories(tree.resolve("apps"));
    Files.writeString(tree.resolve("shared/ns.yaml"), "kind: Namespace\n");
    Files.createSymbolicLink(tree.resolve("apps/common"), Path.of("../shared"));
    DirectoryFileTree files = new DirectoryFileTree(tree);
    assertEquals("shared/ns.yaml", files.realPath("apps/common/ns.yaml"));
    assertEquals("apps/missing.yaml", files.realPath("apps/missing.yaml"));
    assertEquals("apps", files.realPath("apps"));
  }
}
