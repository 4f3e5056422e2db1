package dev.foresight.renderer.engine;

import dev.foresight.kustomize.FileTree;
import java.util.List;

/**
 * {@code --engine verify}: builds with the native engine and with the exec engine; a difference
 * is a fidelity error of that build (reported, with the first differing line), never a guess.
 */
public final class VerifyingEngine implements Engine {

  private final NativeEngine nativeEngine;
  private final Engine exec;

  public VerifyingEngine(Engine exec) {
    this.exec = exec;
    this.nativeEngine = new NativeEngine(null);
  }

  @Override
  public String build(FileTree tree, String dir) throws RenderException {
    String expected = exec.build(tree, dir);
    String actual;
    try {
      actual = nativeEngine.build(tree, dir);
    } catch (RenderException e) {
      throw new RenderException("fidelity error: " + exec.name() + " builds " + dir
          + " but the native engine fails: " + e.getMessage());
    }
    if (!expected.equals(actual)) {
      throw new RenderException("fidelity error: the native engine's output for " + dir + " differs from "
          + exec.name() + " " + firstDifference(expected, actual));
    }
    return expected;
  }

  static String firstDifference(String expected, String actual) {
    List<String> a = expected.lines().toList();
    List<String> b = actual.lines().toList();
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      String x = i < a.size() ? a.get(i) : "(end)";
      String y = i < b.size() ? b.get(i) : "(end)";
      if (!x.equals(y)) {
        return "at line " + (i + 1) + ": expected '" + x + "', native '" + y + "'";
      }
    }
    return "in line endings";
  }

  @Override
  public String name() {
    return "verify";
  }

  @Override
  public String version() {
    return "verify " + nativeEngine.version() + " / " + exec.version();
  }

  @Override
  public void close() {
    exec.close();
  }
}
