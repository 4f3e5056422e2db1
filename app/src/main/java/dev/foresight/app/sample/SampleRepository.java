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
import java.util.TreeMap;
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
 * fast-forwarded to {@code master}. Its {@code foresight.yaml} maps the {@code web} image to a
 * component repository built beside it, in {@code ../components/web}, whose release tags
 * ({@code 1.4.1}, {@code 1.4.2}) are the ones the first pull request moves the image between, so
 * reports list the commits an image bump ships.
 *
 * <p>Files and commit messages live under {@code src/main/resources/sample/} ({@code tree/} and
 * {@code steps/} for the GitOps repository, {@code components/<name>/} for each component).
 * Author dates are fixed, so the commit ids are the same on every run.
 */
public final class SampleRepository {

  public static final String MASTER = "refs/heads/master";
  public static final String STAGING = "refs/heads/staging";
  public static final String PRODUCTION = "refs/heads/production";

  private static final Instant START = Instant.parse("2025-03-03T09:00:00Z");
  /** Component commits are a day apart, ending before the GitOps history starts. */
  private static final Instant COMPONENTS_START = Instant.parse("2025-02-24T09:00:00Z");
  /** Where the component repositories go, relative to the GitOps repository (as foresight.yaml says). */
  public static final String COMPONENTS_DIR = "../components";
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
   * @param components component name → its repository (work tree checked out at its default
   *     branch, release tags as annotated tags), beside {@code path}
   * @param refUpdates the ref updates after the initial commit, in order, for the demo to replay
   */
  public record Sample(Path path, Map<String, Path> components, List<RefUpdate> refUpdates) {
    public Sample {
      components = Map.copyOf(components);
      refUpdates = List.copyOf(refUpdates);
    }
  }

  private SampleRepository() {}

  /**
   * Builds the repository in {@code dir} (absent or empty) and its component repositories in
   * {@code dir/../components/<name>} (absent or empty), and returns them with the ref updates.
   */
  public static Sample create(Path dir) {
    dir = dir.toAbsolutePath().normalize();
    requireEmpty(dir);
    Map<String, Path> components = new TreeMap<>();
    for (String name : SampleStep.components()) {
      Path component = dir.resolve(COMPONENTS_DIR).resolve(name).normalize();
      requireEmpty(component);
      components.put(name, component);
    }
    components.forEach((name, component) -> createComponent(name, component));
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
      return new Sample(dir, components, updates);
    } catch (GitAPIException | IOException e) {
      throw new IllegalStateException("cannot build the sample repository in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** A component repository: one commit per step, a day apart, annotated tags where a step names one. */
  private static void createComponent(String name, Path dir) {
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      int n = 0;
      for (SampleStep step : SampleStep.component(name)) {
        PersonIdent who = ident(step, COMPONENTS_START.plus(Duration.ofDays(n++)));
        RevCommit commit = commit(git, step, who);
        if (step.tag() != null) {
          git.tag().setName(step.tag()).setObjectId(commit).setAnnotated(true).setTagger(who)
              .setMessage("Release " + step.tag() + "\n").setSigned(false).call();
        }
      }
    } catch (GitAPIException | IOException e) {
      throw new IllegalStateException("cannot build the sample component repository " + name + " in " + dir + ": "
          + e.getMessage(), e);
    }
  }

  private static RevCommit commit(Git git, SampleStep step, int index) throws GitAPIException, IOException {
    return commit(git, step, ident(step, START.plus(Duration.ofHours(3L * index))));
  }

  private static PersonIdent ident(SampleStep step, Instant when) {
    return new PersonIdent(step.required("author"), step.required("email"), when, ZONE);
  }

  private static RevCommit commit(Git git, SampleStep step, PersonIdent who) throws GitAPIException, IOException {
    Path workTree = git.getRepository().getWorkTree().toPath();
    for (Map.Entry<String, byte[]> file : step.files().entrySet()) {
      Path target = workTree.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.write(target, file.getValue());
    }
    git.add().addFilepattern(".").call();
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
