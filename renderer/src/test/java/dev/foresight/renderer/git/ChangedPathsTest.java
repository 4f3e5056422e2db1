package dev.foresight.renderer.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.foresight.renderer.TestRepo;
import dev.foresight.schema.ChangeIds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangedPathsTest {

  @TempDir Path tmp;

  private static final String BIG = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: moved\ndata:\n"
      + "  a: \"1\"\n  b: \"2\"\n  c: \"3\"\n  d: \"4\"\n  e: \"5\"\n";

  @Test
  void addModifyDeleteRenameAndZeroBase() throws Exception {
    try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
      String c1 = repo.write("apps/a.yaml", "a: 1\n").write("apps/b.yaml", "b: 1\n").write("old/moved.yaml", BIG)
          .write("keep/k.yaml", "k: 1\n").commit("one");
      String c2 = repo.write("apps/a.yaml", "a: 2\n").write("apps/new/c.yaml", "c: 1\n").delete("apps/b.yaml")
          .delete("old").write("new/place/moved.yaml", BIG).commit("two");
      try (Repository r = open(repo)) {
        assertEquals(Set.of("apps/a.yaml", "apps/b.yaml", "apps/new/c.yaml", "old/moved.yaml", "new/place/moved.yaml"),
            ChangedPaths.between(r, c1, c2));
        // symmetric: the reverse change touches the same paths
        assertEquals(ChangedPaths.between(r, c1, c2), ChangedPaths.between(r, c2, c1));
        assertEquals(Set.of("apps/a.yaml", "apps/b.yaml", "old/moved.yaml", "keep/k.yaml"),
            ChangedPaths.between(r, ChangeIds.ZERO_SHA, c1));
        assertEquals(Set.of(), ChangedPaths.between(r, c2, c2));
        String c3 = repo.commit("empty");
        assertEquals(Set.of(), ChangedPaths.between(r, c2, c3));
        assertThrows(IOException.class, () -> ChangedPaths.between(r, c1, "1234567890123456789012345678901234567890"));
      }
    }
  }

  @Test
  void throughMirrors() throws Exception {
    String c1;
    String c2;
    try (TestRepo repo = TestRepo.init(tmp.resolve("r"))) {
      c1 = repo.write("x.yaml", "x: 1\n").commit("one");
      c2 = repo.write("y/y.yaml", "y: 1\n").commit("two");
    }
    try (GitMirrors mirrors = new GitMirrors(tmp.resolve("data"))) {
      String url = tmp.resolve("r").toString();
      assertEquals(Set.of("y/y.yaml"), ChangedPaths.between(mirrors, url, c1, c2));
      assertEquals(Set.of("x.yaml", "y/y.yaml"), ChangedPaths.between(mirrors, url, ChangeIds.ZERO_SHA, c2));
    }
  }

  private static Repository open(TestRepo repo) throws IOException {
    return new FileRepositoryBuilder().setGitDir(repo.dir().resolve(".git").toFile()).setMustExist(true).build();
  }
}
