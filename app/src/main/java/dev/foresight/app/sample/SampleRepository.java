package dev.foresight.app.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The demo GitOps repository: {@code apps/}, {@code infrastructure/} and {@code profiles/} with
 * Flux Kustomizations for development, staging and production, and a history the way the workflow
 * makes it — an initial commit on {@code master} with {@code staging} and {@code production}
 * branched from it, four pull requests merged to {@code master}, then {@code staging}
 * fast-forwarded to {@code master}.
 *
 * <p>Files and commit messages live under {@code src/main/resources/sample/}. Author dates are
 * fixed, so the commit ids are the same on every run.
 */
public final class SampleRepository {

  public static final String MASTER = "refs/heads/master";
  public static final String STAGING = "refs/heads/staging";
  public static final String PRODUCTION = "refs/heads/production";

  private static final Instant START = Instant.parse("2025-03-03T09:00:00Z");
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  /**
   * A ref moving from {@code before} to {@code after} (full 40-hex ids).
   *
   * @param kind {@code push} (a pull request merged to master) or {@code promotion} (a fast-forward)
   * @param ref the full ref name, e.g. {@code refs/heads/staging}
   */
  public record RefUpdate(String kind, String ref, String before, String after) {}

  /**
   * The built repository.
   *
   * @param path its work tree ({@code .git} inside), checked out at master
   * @param refUpdates the ref updates after the initial commit, in order, for the demo to replay
   */
  public record Sample(Path path, List<RefUpdate> refUpdates) {
    public Sample {
      refUpdates = List.copyOf(refUpdates);
    }
  }

  private SampleRepository() {}

  /** Builds the repository in {@code dir} (absent or empty) and returns it with its ref updates. */
  public static Sample create(Path dir) {
    requireEmpty(dir);
    SampleStep initial = SampleStep.initial();
    List<SampleStep> steps = SampleStep.history();
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("master").call()) {
      Repository repository = git.getRepository();
      RevCommit root = commit(git, initial, 0);
      git.branchCreate().setName("staging").setStartPoint(root).call();
      git.branchCreate().setName("production").setStartPoint(root).call();
      List<RefUpdate> updates = new ArrayList<>();
      int n = 1;
      for (SampleStep step : steps) {
        if (step.isPromotion()) {
          updates.add(fastForward(repository, "refs/heads/" + step.required("branch")));
        } else {
          ObjectId before = repository.resolve(MASTER);
          RevCommit after = commit(git, step, n++);
          updates.add(new RefUpdate("push", MASTER, before.name(), after.name()));
        }
      }
      return new Sample(dir, updates);
    } catch (GitAPIException | IOException e) {
      throw new IllegalStateException("cannot build the sample repository in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static RevCommit commit(Git git, SampleStep step, int index) throws GitAPIException, IOException {
    Path workTree = git.getRepository().getWorkTree().toPath();
    for (Map.Entry<String, byte[]> file : step.files().entrySet()) {
      Path target = workTree.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.write(target, file.getValue());
    }
    git.add().addFilepattern(".").call();
    PersonIdent who = new PersonIdent(step.required("author"), step.required("email"),
        START.plus(Duration.ofHours(3L * index)), ZONE);
    return git.commit().setMessage(step.message()).setAuthor(who).setCommitter(who).setSign(false).call();
  }

  private static RefUpdate fastForward(Repository repository, String ref) throws IOException {
    ObjectId before = repository.resolve(ref);
    ObjectId master = repository.resolve(MASTER);
    if (before == null) {
      throw new IllegalStateException("sample step promotes " + ref + ", which does not exist");
    }
    org.eclipse.jgit.lib.RefUpdate update = repository.updateRef(ref);
    update.setExpectedOldObjectId(before);
    update.setNewObjectId(master);
    update.setRefLogMessage("merge master: Fast-forward", false);
    org.eclipse.jgit.lib.RefUpdate.Result result = update.update();
    if (result != org.eclipse.jgit.lib.RefUpdate.Result.FAST_FORWARD) {
      throw new IllegalStateException("cannot fast-forward " + ref + " to master: " + result);
    }
    return new RefUpdate("promotion", ref, before.name(), master.name());
  }

  private static void requireEmpty(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + " is a file; give a new or empty directory for the sample repository");
    }
    try (Stream<Path> entries = Files.list(dir)) {
      if (entries.findAny().isPresent()) {
        throw new IllegalArgumentException(dir + " is not empty; give a new or empty directory for the sample repository");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir, e);
    }
  }
}
