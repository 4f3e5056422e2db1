package dev.foresight.renderer.engine;

import dev.foresight.kustomize.FileTree;

/** Builds one kustomization directory of a tree, like {@code kustomize build <dir>}. */
public interface Engine extends AutoCloseable {

  /**
   * The rendered multi-document YAML of directory {@code dir} of {@code tree}.
   *
   * @throws RenderException when the directory is missing or does not build; the message is the
   *     tool's, with paths relative to the repository root
   */
  String build(FileTree tree, String dir) throws RenderException;

  /** How results are labelled, e.g. {@code exec:kubectl}. */
  String name();

  /**
   * What identifies this engine's output byte for byte (name and tool version), for cache keys:
   * a new kustomize must not serve renders of the old one.
   */
  default String version() {
    return name();
  }

  /**
   * What the last {@link #build} on the calling thread wants the reader to know (e.g. that the
   * native engine fell back to the exec engine, and why); empty by default.
   */
  default java.util.List<String> notes() {
    return java.util.List.of();
  }

  /** Releases caches (temporary directories). */
  @Override
  default void close() {}
}
