package dev.foresight.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * A small real GitOps repository built in code: one profile {@code clusters/prod} whose Flux
 * Kustomization {@code apps} builds {@code apps/} (a ConfigMap), then whatever a test writes.
 */
public final class GitOpsRepo implements AutoCloseable {

  private final Path dir;
  private final Git git;

  private GitOpsRepo(Path dir, Git git) {
    this.dir = dir;
    this.git = git;
  }

  /** The repository with its first commit (the profile and a ConfigMap {@code a} with {@code k: v}). */
  public static GitOpsRepo create(Path dir) throws IOException, GitAPIException {
    GitOpsRepo repo = new GitOpsRepo(dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("master").call());
    repo.write("clusters/prod/apps.yaml", """
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: apps, namespace: flux-system}
        spec:
          path: ./apps
          sourceRef: {kind: GitRepository, name: flux-system}
        """);
    repo.configMap("v");
    repo.commit("one");
    return repo;
  }

  public Path dir() {
    return dir;
  }

  /** Rewrites {@code apps/cm.yaml} with {@code k: value}. */
  public GitOpsRepo configMap(String value) throws IOException {
    return write("apps/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: default}\n"
        + "data: {k: " + value + "}\n");
  }

  public GitOpsRepo write(String path, String text) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return this;
  }

  public GitOpsRepo delete(String path) throws IOException {
    Files.delete(dir.resolve(path));
    return this;
  }

  /** Commits the whole work tree; returns the commit id. */
  public String commit(String message) throws GitAPIException {
    git.add().addFilepattern(".").call();
    git.add().setUpdate(true).addFilepattern(".").call();
    PersonIdent who = new PersonIdent("Test", "test@example.com");
    return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setAllowEmpty(true).call().getName();
  }

  @Override
  public void close() {
    git.close();
  }
}
