package dev.foresight.renderer.engine;

import dev.foresight.kustomize.FileTree;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An engine that counts the builds it passes to its delegate (the real native, exec or verifying
 * engine), failed ones included: put beneath a render cache, it counts the builds actually executed.
 * Thread-safe.
 */
public final class CountingEngine implements Engine {

  private final Engine delegate;
  private final AtomicLong builds = new AtomicLong();

  public CountingEngine(Engine delegate) {
    this.delegate = delegate;
  }

  /** Builds started since this engine was created. */
  public long builds() {
    return builds.get();
  }

  @Override
  public String build(FileTree tree, String dir) throws RenderException {
    builds.incrementAndGet();
    return delegate.build(tree, dir);
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public String version() {
    return delegate.version();
  }

  @Override
  public List<String> notes() {
    return delegate.notes();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
