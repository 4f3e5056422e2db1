package dev.foresight.renderer.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.FileTrees;
import dev.foresight.renderer.TestRepo;
import dev.foresight.schema.ChangeIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitMirrorsTest {

  @TempDir Path tmp;

  private static String text(FileTree tree, String path) throws IOException {
    return new String(tree.read(path).orElseThrow(), StandardCharsets.UTF_8);
  }

  @Test
  void readsFilesAtTwoCommitsOfAMirroredLocalPath() throws Exception {
    try (TestRepo repo = TestRepo.init(tmp.resolve("src")); GitMirrors mirrors = new GitMirrors(tmp.resolve("data"))) {
      String first = repo.write("a/b/c.yaml", "one\n").write("top.txt", "t\n").commit("first");
      String second = repo.write("a/b/c.yaml", "two\n").write("a/d.yaml", "d\n").delete("top.txt").commit("second");
      String url = repo.dir().toString();

      FileTree at1 = mirrors.tree(url, first);
      FileTree at2 = mirrors.tree(url, second);
      assertEquals("one\n", text(at1, "a/b/c.yaml"));
      assertEquals("two\n", text(at2, "./a//b/c.yaml"));
      assertTrue(at1.isFile("top.txt"));
      assertFalse(at2.read("top.txt").isPresent());
      assertEquals(List.of("a", "top.txt"), at1.list(""));
      assertEquals(List.of("b", "d.yaml"), at2.list("a"));
      assertTrue(at2.isDirectory("a/b"));
      assertFalse(at2.isDirectory("a/d.yaml"));
      assertFalse(at2.read("a/b").isPresent());
      assertEquals(List.of("a/b/c.yaml", "a/d.yaml"), FileTrees.walk(at2, ""));
      assertTrue(at1.describe().contains(first.substring(0, 7)), at1.describe());

      Path mirror = mirrors.directory(url);
      assertTrue(mirror.startsWith(tmp.resolve("data/mirrors")), mirror.toString());
      assertTrue(mirror.getFileName().toString().startsWith("src-"), mirror.toString());
      assertTrue(Files.isDirectory(mirror.resolve("objects")), "bare mirror expected at " + mirror);
    }
  }

  @Test
  void fetchesWhenACommitAppearsAfterTheClone() throws Exception {
    try (TestRepo repo = TestRepo.init(tmp.resolve("src")); GitMirrors mirrors = new GitMirrors(tmp.resolve("data"))) {
      String url = repo.dir().toString();
      String first = repo.write("f", "1").commit("first");
      assertEquals("1", text(mirrors.tree(url, first), "f"));
      String later = repo.write("f", "2").commit("later");
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<String>> reads = pool.invokeAll(List.of(
            () -> text(mirrors.tree(url, later), "f"), () -> text(mirrors.tree(url, later), "f"),
            () -> text(mirrors.tree(url, first), "f"), () -> text(mirrors.tree(url, later), "f")));
        assertEquals("2", reads.get(0).get());
        assertEquals("2", reads.get(1).get());
        assertEquals("1", reads.get(2).get());
        assertEquals("2", reads.get(3).get());
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /**
   * Commits {@code path} on a new branch of {@code repo}, then deletes the branch (as a force-push
   * would): only the id leads to the commit, which is still there (no gc). {@code anyIdInWant}:
   * the server lets clients fetch any object by id, as GitHub does.
   */
  private static String orphanedCommit(TestRepo repo, String path, String text, boolean anyIdInWant)
      throws Exception {
    try (Git git = Git.open(repo.dir().toFile())) {
      StoredConfig config = git.getRepository().getConfig();
      config.setBoolean("uploadpack", null, "allowAnySHA1InWant", anyIdInWant);
      config.save();
      git.checkout().setCreateBranch(true).setName("gone").call();
      String sha = repo.write(path, text).commit("on a branch deleted later");
      git.checkout().setName("master").call();
      git.branchDelete().setBranchNames("gone").setForce(true).call();
      return sha;
    }
  }

  @Test
  void fetchesACommitNoRefLeadsToByItsId() throws Exception {
    try (TestRepo repo = TestRepo.init(tmp.resolve("src")); GitMirrors mirrors = new GitMirrors(tmp.resolve("data"))) {
      String url = repo.dir().toString();
      String first = repo.write("f", "1").commit("first");
      assertEquals("1", text(mirrors.tree(url, first), "f"));
      String orphan = orphanedCommit(repo, "f", "orphan", true);
      try (Git git = Git.open(repo.dir().toFile())) {
        for (Ref ref : git.getRepository().getRefDatabase().getRefs()) {
          assertFalse(ref.getObjectId().name().equals(orphan), "a ref still leads to the commit: " + ref);
        }
      }
      assertEquals("orphan", text(mirrors.tree(url, orphan), "f"));
      assertEquals("1", text(mirrors.tree(url, first), "f"));
    }
  }

  @Test
  void aCommitTheServerWillNotSendByIdErrorsNamingRepositoryAndId() throws Exception {
    try (TestRepo repo = TestRepo.init(tmp.resolve("src")); GitMirrors mirrors = new GitMirrors(tmp.resolve("data"))) {
      String url = repo.dir().toString();
      repo.write("f", "1").commit("first");
      String orphan = orphanedCommit(repo, "f", "orphan", false);
      IOException e = assertThrows(IOException.class, () -> mirrors.tree(url, orphan));
      String message = e.getMessage();
      assertTrue(message.startsWith("commit " + orphan.substring(0, 7) + " not found in " + url
          + " after fetch of every ref and of " + orphan + " itself ("), message);
      assertTrue(message.contains("not valid"), "the server's reason: " + message);
      assertTrue(message.contains("force-push") && message.contains(mirrors.directory(url).toString()), message);
    }
  }

  @Test
  void missingCommitErrorsClearly() throws Exception {
    try (TestRepo repo = TestRepo.init(tmp.resolve("src")); GitMirrors mirrors = new GitMirrors(tmp.resolve("data"))) {
      repo.write("f", "1").commit("first");
      String missing = "abc1234" + "0".repeat(33);
      IOException e = assertThrows(IOException.class, () -> mirrors.tree(repo.dir().toString(), missing));
      assertTrue(e.getMessage().startsWith("commit abc1234 not found in " + repo.dir() + " after fetch of every ref and of "
          + missing + " itself (" + repo.dir().resolve(".git") + " does not have it)"), e.getMessage());
    }
  }

  @Test
  void aFailedCloneLeavesTheMirrorsClosable() throws Exception {
    GitMirrors mirrors = new GitMirrors(tmp.resolve("data"));
    String nowhere = tmp.resolve("no-such-repo").toString();
    IOException e = assertThrows(IOException.class,
        () -> mirrors.tree(nowhere, "0123456789012345678901234567890123456789"));
    assertTrue(e.getMessage().startsWith("cannot clone " + nowhere), e.getMessage());
    mirrors.close(); // was a NullPointerException that hid the clone's error
  }

  @Test
  void zeroShaIsTheEmptyTree() throws Exception {
    try (TestRepo repo = TestRepo.init(tmp.resolve("src")); GitMirrors mirrors = new GitMirrors(tmp.resolve("data"))) {
      repo.write("f", "1").commit("first");
      FileTree empty = mirrors.tree(repo.dir().toString(), ChangeIds.ZERO_SHA);
      assertEquals(List.of(), empty.list(""));
      assertTrue(empty.isDirectory(""));
      assertFalse(empty.isDirectory("profiles"));
      assertFalse(empty.read("f").isPresent());
    }
  }

  @Test
  void mirrorNamesAreSanitisedAndDistinct() {
    String a = GitMirrors.dirName("https://github.com/acme/infra.git");
    String b = GitMirrors.dirName("git@github.com:other/infra.git");
    assertTrue(a.startsWith("infra-"), a);
    assertTrue(b.startsWith("infra-"), b);
    assertFalse(a.equals(b));
    assertTrue(GitMirrors.dirName("/tmp/with space/").matches("with-space-[0-9a-f]{12}"));
  }
}
