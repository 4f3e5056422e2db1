package dev.foresight.kustomize;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** An in-memory {@link FileTree}, for tests and generated content. */
public final class MapFileTree implements FileTree {

  private final TreeMap<String, byte[]> files = new TreeMap<>();

  public MapFileTree(Map<String, String> textFiles) {
    textFiles.forEach((path, text) -> files.put(TreePath.normalize(path), text.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public Optional<byte[]> read(String path) {
    return Optional.ofNullable(files.get(TreePath.normalize(path))).map(byte[]::clone);
  }

  @Override
  public boolean isDirectory(String path) {
    String dir = TreePath.normalize(path);
    return dir.isEmpty() || files.ceilingKey(dir + "/") != null && files.ceilingKey(dir + "/").startsWith(dir + "/");
  }

  @Override
  public List<String> list(String path) {
    String dir = TreePath.normalize(path);
    TreeSet<String> names = new TreeSet<>();
    TreePath.childNames(files.navigableKeySet(), dir, names);
    return List.copyOf(names);
  }

  @Override
  public String describe() {
    return "in-memory tree";
  }
}
