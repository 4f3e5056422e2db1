package dev.foresight.app.command;

import dev.foresight.app.runtime.Revisions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code --repo DIR}: the GitOps repository, a clone's work tree or a bare repository. A
 * subdirectory of a work tree means its repository, as for git: the top is used and one line on
 * stderr says so, since profiles, {@code foresight.yaml} and {@code --profile-path} are read from
 * the top at both revisions (they name paths of the repository, not of the directory the command
 * was given).
 */
public final class RepoOption {

  @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".",
      description = "The GitOps repository: a clone or any directory inside it (its top is used, and said so; "
          + "profiles and --profile-path are read from the top) (default: .).")
  Path repo;

  /**
   * The repository's top, checked before any work: {@code --repo} exists, is a directory, is in a
   * git repository; stderr gets the note when it is a subdirectory.
   *
   * @throws IllegalArgumentException saying what is wrong and how to fix it
   */
  public Path root(CommandSpec spec) throws IOException {
    CliErrors.checkRepo(repo, "--repo");
    Path root = Revisions.repositoryRoot(repo);
    Path given = repo.toAbsolutePath().normalize();
    if (!given.equals(root) && !given.toRealPath().equals(root.toRealPath())) {
      PrintWriter err = spec.commandLine().getErr();
      err.println(spec.qualifiedName() + ": --repo " + given + " is inside the repository " + root + "; using its top "
          + root + " (profiles, foresight.yaml and --profile-path are read from the top)");
      err.flush();
    }
    return root;
  }
}
