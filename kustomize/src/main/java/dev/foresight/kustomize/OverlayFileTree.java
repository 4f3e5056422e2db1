package dev.foresight.kustomize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A base {@link FileTree} with some files replaced or added, e.g. the kustomization file Flux
 * rewrites before a build. Pure and immutable: the base is never written to.
 */
public final class OverlayFileTree implements FileTree {

  private final FileTree base;
  private final TreeMap<String, byte[]> files = new TreeMap<>();
  private final String key;

  /** {@code files}: tree paths to contents that replace (or add to) {@code base}. */
  public OverlayFileTree(FileTree base, Map<String, byte[]> files) {
    if (base instanceof OverlayFileTree inner) {
      this.base = inner.base;
      this.files.putAll(inner.files);
    } else {
      this.base = base;
    }
    files.forEach((path, content) -> {
      String normalised = TreePath.normalize(path);
      if (normalised.isEmpty()) {
        throw new IllegalArgumentException("an overlay file needs a path below the root");
      }
      this.files.put(normalised, content.clone());
    });
    this.key = digest(this.files);
  }

  /** An overlay of text files. */
  public static OverlayFileTree ofText(FileTree base, Map<String, String> files) {
    Map<String, byte[]> bytes = new TreeMap<>();
    files.forEach((path, text) -> bytes.put(path, text.getBytes(StandardCharsets.UTF_8)));
    return new OverlayFileTree(base, bytes);
  }

  /** The tree below the overlay (never itself an overlay). */
  public FileTree base() {
    return base;
  }

  /** The overridden and added files, by tree path, sorted. */
  public SortedMap<String, byte[]> overrides() {
    TreeMap<String, byte[]> copy = new TreeMap<>();
    files.forEach((path, content) -> copy.put(path, content.clone()));
    return Collections.unmodifiableSortedMap(copy);
  }

  /** SHA-256 over the overridden paths and contents: equal keys over equal bases mean equal trees. */
  public String overlayKey() {
    return key;
  }

  @Override
  public Optional<byte[]> read(String path) throws IOException {
    byte[] own = files.get(TreePath.normalize(path));
    return own != null ? Optional.of(own.clone()) : base.read(path);
  }

  @Override
  public boolean isDirectory(String path) throws IOException {
    String dir = TreePath.normalize(path);
    if (files.containsKey(dir)) {
      return false;
    }
    if (base.isDirectory(dir)) {
      return true;
    }
    String prefix = dir + "/";
    String next = files.ceilingKey(prefix);
    return next != null && next.startsWith(prefix);
  }

  @Override
  public boolean isFile(String path) throws IOException {
    return files.containsKey(TreePath.normalize(path)) || base.isFile(path);
  }

  @Override
  public List<String> list(String path) throws IOException {
    String dir = TreePath.normalize(path);
    TreeSet<String> names = new TreeSet<>(base.list(dir));
    TreePath.childNames(files.navigableKeySet(), dir, names);
    return List.copyOf(names);
  }

  @Override
  public String realPath(String path) throws IOException {
    return files.containsKey(TreePath.normalize(path)) ? TreePath.normalize(path) : base.realPath(path);
  }

  @Override
  public String describe() {
    return base.describe();
  }

  private static String digest(TreeMap<String, byte[]> files) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(Integer.toString(e.getValue().length).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(e.getValue());
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
