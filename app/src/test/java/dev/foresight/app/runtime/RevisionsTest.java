package dev.foresight.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevisionsTest {

  @TempDir Path dir;

  @BeforeEach
  void repository() throws Exception {
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("master").call()) {
      PersonIdent who = new PersonIdent("Dev", "dev@example.com");
      for (int i = 1; i <= 3; i++) {
        Files.writeString(dir.resolve("f.txt"), "v" + i + "\n");
        git.add().addFilepattern("f.txt").call();
        git.commit().setMessage("c" + i).setAuthor(who).setCommitter(who).call();
        if (i == 1) {
          git.branchCreate().setName("staging").call();
        }
      }
    }
  }

  @Test
  void twoBranchesMoveTheBaseBranchLikeAPullRequestIntoIt() throws IOException {
    assertEquals("refs/heads/staging", Revisions.localChange(dir, "staging", "master").getRef());
  }

  @Test
  void anExpressionAgainstABranchMovesTheHeadBranch() throws IOException {
    assertEquals("refs/heads/master", Revisions.localChange(dir, "master~2", "master").getRef());
    assertEquals("refs/heads/staging", Revisions.localChange(dir, "master~2", "staging").getRef());
  }

  @Test
  void anExplicitRefWins() throws IOException {
    assertEquals("refs/heads/production", Revisions.localChange(dir, "staging", "master", "production").getRef());
    assertEquals("refs/heads/qa", Revisions.localChange(dir, "master~1", "master", "refs/heads/qa").getRef());
  }

  @Test
  void anUnknownRevisionSaysWhatToTry() {
    IOException e = assertThrows(IOException.class, () -> Revisions.localChange(dir, "nope", "master"));
    assertEquals(true, e.getMessage().contains("revision 'nope' not found"), e.getMessage());
  }
}
