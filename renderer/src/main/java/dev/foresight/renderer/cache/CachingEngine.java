package dev.foresight.renderer.cache;

import dev.foresight.kustomize.FileTree;
import dev.foresight.renderer.closure.Closure;
import dev.foresight.renderer.closure.ClosureCollector;
import dev.foresight.renderer.engine.Engine;
import dev.foresight.renderer.engine.RenderException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An engine that answers from the {@link RenderCache} when the build's input closure (every file
 * kustomize would read, including a Flux-rewritten kustomization) and the engine version are
 * those of an earlier build, and renders with the delegate otherwise. Builds whose closure is
 * incomplete or remote are never cached.
 *
 * <p>The cache holds the engine's raw output (masking needs the clear values: substitution and
 * Secret-derived values in other objects), encrypted at rest by {@link RenderCache}; masking
 * happens in the renderer before anything leaves it.
 */
public final class CachingEngine implements Engine {

  private static final ThreadLocal<Boolean> LAST_HIT = ThreadLocal.withInitial(() -> false);
  private final ThreadLocal<List<String>> notes = ThreadLocal.withInitial(List::of);

  private final Engine delegate;
  private final RenderCache cache;
  private final AtomicLong lookups = new AtomicLong();
  private final AtomicLong hits = new AtomicLong();

  public CachingEngine(Engine delegate, RenderCache cache) {
    this.delegate = delegate;
    this.cache = cache;
  }

  /** True when the last {@link #build} on this thread was answered by the cache. */
  public static boolean lastBuildWasCached() {
    return LAST_HIT.get();
  }

  @Override
  public String build(FileTree tree, String dir) throws RenderException {
    LAST_HIT.set(false);
    notes.set(List.of());
    Closure closure = ClosureCollector.collect(tree, dir);
    Optional<RenderCache.Key> key;
    try {
      key = CacheKeys.of(delegate.version(), tree, closure);
    } catch (java.io.IOException e) {
      key = Optional.empty(); // unreadable input: let the engine report it
    }
    if (key.isPresent()) {
      lookups.incrementAndGet();
      Optional<RenderCache.Entry> hit = cache.get(key.get());
      if (hit.isPresent()) {
        hits.incrementAndGet();
        LAST_HIT.set(true);
        notes.set(hit.get().warnings());
        return hit.get().content();
      }
    }
    String output = delegate.build(tree, dir);
    List<String> delegateNotes = delegate.notes();
    notes.set(delegateNotes);
    if (key.isPresent()) {
      try {
        cache.put(key.get(), new RenderCache.Entry(output, delegateNotes));
      } catch (java.io.IOException | RuntimeException e) {
        // a full, read-only or otherwise failing cache costs speed, never a render
      }
    }
    return output;
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
    return notes.get();
  }

  /** Builds looked up in the cache by this engine (builds whose closure cannot be keyed are not). */
  public long lookups() {
    return lookups.get();
  }

  /** Lookups the cache answered. */
  public long hits() {
    return hits.get();
  }

  public RenderCache cache() {
    return cache;
  }

  @Override
  public void close() {
    delegate.close();
  }
}
