package dev.foresight.kustomize.build;

import dev.foresight.kustomize.FileTree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A tree that notes every question a sub-build asks of it (file contents by content id, file and
 * directory tests, listings) and every kustomization directory the sub-build enters, so a memoised
 * result can later be checked against another tree: same answers, same result. Nested recorders
 * delegate to the enclosing one, which so sees everything too. One build's thread only.
 */
final class RecordingFileTree implements FileTree {

  /** One question and the answer it got. */
  record Observation(char op, String path, Object answer) {
    /** True when {@code tree} answers the same now. */
    boolean holds(FileTree tree) throws IOException {
      Object now = switch (op) {
        case 'r' -> tree.contentId(path).orElse(null);
        case 'f' -> tree.isFile(path);
        case 'd' -> tree.isDirectory(path);
        case 'p' -> tree.realPath(path);
        default -> tree.list(path);
      };
      return Objects.equals(answer, now);
    }
  }

  private final FileTree delegate;
  private final Map<String, Observation> observations = new LinkedHashMap<>();
  private final Set<String> roots = new LinkedHashSet<>();

  RecordingFileTree(FileTree delegate) {
    this.delegate = delegate;
  }

  @Override
  public Optional<byte[]> read(String path) throws IOException {
    Optional<byte[]> bytes = delegate.read(path);
    observations.putIfAbsent("r" + path, new Observation('r', path,
        bytes.map(dev.foresight.kustomize.FileTrees::blobId).orElse(null)));
    return bytes;
  }

  @Override
  public Optional<String> contentId(String path) throws IOException {
    Optional<String> id = delegate.contentId(path);
    observations.putIfAbsent("r" + path, new Observation('r', path, id.orElse(null)));
    return id;
  }

  @Override
  public boolean isDirectory(String path) throws IOException {
    boolean answer = delegate.isDirectory(path);
    observations.putIfAbsent("d" + path, new Observation('d', path, answer));
    return answer;
  }

  @Override
  public boolean isFile(String path) throws IOException {
    boolean answer = delegate.isFile(path);
    observations.putIfAbsent("f" + path, new Observation('f', path, answer));
    return answer;
  }

  @Override
  public List<String> list(String path) throws IOException {
    List<String> answer = delegate.list(path);
    observations.putIfAbsent("l" + path, new Observation('l', path, List.copyOf(answer)));
    return answer;
  }

  @Override
  public String realPath(String path) throws IOException {
    String answer = delegate.realPath(path);
    observations.putIfAbsent("p" + path, new Observation('p', path, answer));
    return answer;
  }

  @Override
  public String describe() {
    return delegate.describe();
  }

  /** Notes a kustomization directory entered (here and in every enclosing recorder). */
  static void enteredRoot(FileTree tree, String dir) {
    if (tree instanceof RecordingFileTree recorder) {
      recorder.roots.add(dir);
      enteredRoot(recorder.delegate, dir);
    }
  }

  /** The tree this one records for. */
  FileTree delegate() {
    return delegate;
  }

  List<Observation> observations() {
    return new ArrayList<>(observations.values());
  }

  List<String> roots() {
    return new ArrayList<>(roots);
  }
}
