package dev.foresight.renderer;

import dev.foresight.kustomize.FileTree;
import dev.foresight.renderer.git.GitMirrors;

/** One side of a change: {@code base} or {@code head}, its commit and its files. */
record Side(String name, String sha, FileTree tree) {

  /** E.g. {@code head (3f2a1c0)}, for error messages. */
  String label() {
    return name + " (" + GitMirrors.abbreviate(sha) + ")";
  }
}
