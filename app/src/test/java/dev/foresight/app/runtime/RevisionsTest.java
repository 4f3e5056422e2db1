package dev.foresight.app.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.ChangeKind;
import dev.foresight.schema.ChangeRequested;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
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
        if (i == 2) {
          git.tag().setName("v2").call();
        }
      }
      Repository repository = git.getRepository();
      RefUpdate remote = repository.updateRef("refs/remotes/origin/main");
      remote.setNewObjectId(repository.resolve("master~1"));
      remote.update();
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
    assertEquals("refs/tags/v2", Revisions.localChange(dir, "master~1", "master", "v2").getRef());
  }

  @Test
  void shasAndExpressionsNameNoRef() throws IOException {
    String base = Revisions.resolve(dir, "master~2");
    String head = Revisions.resolve(dir, "master");
    ChangeRequested shas = Revisions.localChange(dir, base, head);
    assertEquals("", shas.getRef());
    assertEquals(ChangeKind.PUSH, shas.getKind());
    assertEquals(dir + "#" + base.substring(0, 7) + ".." + head.substring(0, 7), ChangeIds.reportKey(shas));
    assertEquals("", Revisions.localChange(dir, "master~2", "master~1").getRef());
  }

  @Test
  void headIsTheBranchItIsAttachedToAndNothingWhenDetached() throws Exception {
    assertEquals("refs/heads/master", Revisions.localChange(dir, "HEAD~1", "HEAD").getRef());
    try (Git git = Git.open(dir.toFile())) {
      git.checkout().setName(Revisions.resolve(dir, "master~1")).call();
    }
    assertEquals("", Revisions.localChange(dir, "HEAD~1", "HEAD").getRef());
  }

  @Test
  void aTagOrARemoteTrackingBranchIsTheRefItIs() throws IOException {
    assertEquals("refs/tags/v2", Revisions.localChange(dir, "master~2", "v2").getRef());
    assertEquals("refs/heads/main", Revisions.localChange(dir, "master~2", "origin/main").getRef());
    assertEquals("refs/heads/main", Revisions.localChange(dir, "origin/main", "master").getRef());
  }

  @Test
  void aPullRequestIsIdentifiedAsIngestIdentifiesGitHubsWhateverItsCommits() throws IOException {
    ChangeRequested first = Revisions.localChange(dir, "origin/main", "master~1", null, 12);
    ChangeRequested pushed = Revisions.localChange(dir, "origin/main", "master", null, 12);
    assertEquals(ChangeKind.PULL_REQUEST, first.getKind());
    assertEquals(12, first.getPullRequest());
    assertEquals("refs/heads/main", first.getRef());
    assertEquals(dir + "#pull/12", ChangeIds.reportKey(first));
    assertEquals(ChangeIds.reportKey(first), ChangeIds.reportKey(pushed));
    assertEquals(ChangeIds.of(dir.toString(), "refs/heads/main", 12, first.getBase(), first.getHead()),
        first.getChangeId());
    String sha = Revisions.resolve(dir, "master~2");
    assertEquals("", Revisions.localChange(dir, sha, "master", null, 12).getRef());
    assertEquals(dir + "#pull/12", ChangeIds.reportKey(Revisions.localChange(dir, sha, "master", null, 12)));
  }

  @Test
  void aPullRequestRefOfACheckoutIsThePullRequest() throws IOException {
    ChangeRequested merge = Revisions.localChange(dir, "origin/main", "master", "refs/pull/7/merge", null);
    assertEquals(7, merge.getPullRequest());
    assertEquals(ChangeKind.PULL_REQUEST, merge.getKind());
    assertEquals("refs/heads/main", merge.getRef());
    assertEquals(7, Revisions.localChange(dir, "staging", "master", "refs/pull/7/head", 7).getPullRequest());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Revisions.localChange(dir, "staging", "master", "refs/pull/7/merge", 8));
    assertTrue(e.getMessage().contains("pull request 7") && e.getMessage().contains("8"), e.getMessage());
    assertNull(Revisions.localChange(dir, "staging", "master").getPullRequest());
  }

  @Test
  void anUnknownRevisionSaysWhatToTry() {
    IOException e = assertThrows(IOException.class, () -> Revisions.localChange(dir, "nope", "master"));
    assertEquals(true, e.getMessage().startsWith("unknown revision nope in " + dir.toAbsolutePath().normalize()
        + " (try a branch"), e.getMessage());
  }
}
