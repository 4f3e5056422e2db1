package dev.foresight.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.app.Cli;
import dev.foresight.app.GitOpsRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code foresight diff} says when the clone lacks what it needs: history (a shallow clone,
 * as CI checkouts are), a blob (a damaged clone), a revision; and where {@code --repo} is a
 * subdirectory. Real repositories; never a stack trace.
 */
class GitObjectErrorsTest {

  @TempDir Path dir;

  private GitOpsRepo twoCommits() throws Exception {
    GitOpsRepo repo = GitOpsRepo.create(dir.resolve("origin"));
    repo.configMap("w").commit("two");
    return repo;
  }

  private Cli.Run diff(Path repo, String base, String head) {
    return Cli.run("diff", "--repo", repo.toString(), "--data-dir", dir.resolve("data").toString(), "--engine",
        "native", base, head);
  }

  private static void noTrace(Cli.Run run) {
    assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), "no stack trace: " + run.printed());
  }

  @Test
  void aShallowCloneSaysToFetchMoreHistory() throws Exception {
    try (GitOpsRepo origin = twoCommits()) {
      Path shallow = dir.resolve("shallow");
      Git.cloneRepository().setURI(origin.dir().toUri().toString()).setDirectory(shallow.toFile()).setDepth(1)
          .call().close();
      assertTrue(Files.exists(shallow.resolve(".git/shallow")), "JGit made a shallow clone");
      String base;
      try (Git git = Git.open(origin.dir().toFile())) {
        base = git.getRepository().resolve("HEAD~1").name();
      }
      String fix = "the clone is shallow (" + shallow.resolve(".git/shallow") + "; its history stops at ";
      String more = "fetch more history: git fetch --deepen N, or all of it: git fetch --unshallow";
      for (String[] c : new String[][] {{"HEAD~1", "cannot read HEAD~1 of " + shallow + ": "},
          {base.substring(0, 7), "cannot read " + base.substring(0, 7) + " of " + shallow + ": "},
          {base, "cannot read commit " + base + " of " + shallow + ": "}}) {
        Cli.Run run = diff(shallow, c[0], "HEAD");
        assertEquals(2, run.exitCode(), run.printed());
        assertTrue(run.err().contains(c[1] + fix) && run.err().contains(more), run.err());
        noTrace(run);
      }
    }
  }

  @Test
  void aMissingBlobIsNamedWithItsPath() throws Exception {
    try (GitOpsRepo origin = twoCommits()) {
      ObjectId blob;
      try (Git git = Git.open(origin.dir().toFile())) {
        blob = git.getRepository().resolve("HEAD:apps/cm.yaml");
      }
      String name = blob.name();
      Path loose = origin.dir().resolve(".git/objects/" + name.substring(0, 2) + "/" + name.substring(2));
      assertTrue(Files.exists(loose), "GitOpsRepo commits loose objects: " + loose);
      Files.delete(loose); // a damaged clone
      Cli.Run run = diff(origin.dir(), "HEAD~1", "HEAD");
      assertEquals(2, run.exitCode(), run.printed());
      assertTrue(run.err().contains("cannot read blob " + name + " (apps/cm.yaml at HEAD) of " + origin.dir()
          + ": the object is missing from " + origin.dir().resolve(".git") + " (a damaged clone: git fsck --full"),
          run.err());
      noTrace(run);
    }
  }

  @Test
  void anUnknownRevisionIsNamed() throws Exception {
    try (GitOpsRepo origin = twoCommits()) {
      Cli.Run run = diff(origin.dir(), "nope", "HEAD");
      assertEquals(2, run.exitCode(), run.printed());
      assertTrue(run.err().contains("foresight diff: unknown revision nope in " + origin.dir() + " (try a branch"),
          run.err());
      noTrace(run);
    }
  }

  @Test
  void aSubdirectoryMeansItsRepositoryAndSaysSo() throws Exception {
    try (GitOpsRepo origin = twoCommits()) {
      Cli.Run run = diff(origin.dir().resolve("apps"), "HEAD~1", "HEAD");
      assertEquals(0, run.exitCode(), run.printed());
      assertTrue(run.err().contains("foresight diff: --repo " + origin.dir().resolve("apps") + " is inside the"
          + " repository " + origin.dir() + "; using its top " + origin.dir() + " (profiles, foresight.yaml and"
          + " --profile-path are read from the top)"), run.err());
      assertTrue(run.out().contains("~ v1 ConfigMap default/a"), "rendered from the top: " + run.printed());
      Cli.Run top = diff(origin.dir(), "HEAD~1", "HEAD");
      assertFalse(top.err().contains("is inside the repository"), top.err());
    }
  }
}
