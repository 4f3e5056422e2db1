package dev.foresight.renderer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/** A real git repository built in code: write files, delete files, commit. */
public final class TestRepo implements AutoCloseable {

  private final Path dir;
  private final Git git;

  private TestRepo(Path dir, Git git) {
    this.dir = dir;
    this.git = git;
  }

  public static TestRepo init(Path dir) throws GitAPIException {
    return new TestRepo(dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("master").call());
  }

  public Path dir() {
    return dir;
  }

  public TestRepo write(String path, String text) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return this;
  }

  public TestRepo write(Map<String, String> files) throws IOException {
    for (Map.Entry<String, String> e : files.entrySet()) {
      write(e.getKey(), e.getValue());
    }
    return this;
  }

  public TestRepo delete(String path) throws IOException {
    Path target = dir.resolve(path);
    try (var paths = Files.walk(target)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    return this;
  }

  /** Commits everything in the work tree; returns the commit id. */
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
