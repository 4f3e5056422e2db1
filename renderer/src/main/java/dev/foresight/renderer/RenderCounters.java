package dev.foresight.renderer;

/**
 * What a {@link Renderer} did since it was created, planning and rendering alike: subtract two
 * snapshots ({@link #minus}) for one run.
 *
 * @param builds engine builds actually executed (native, exec or verify), failed ones included;
 *     answers of the render cache are not builds
 * @param cacheLookups builds looked up in the render cache (a build whose inputs cannot be keyed,
 *     e.g. remote resources, is not looked up)
 * @param cacheHits lookups the cache answered
 */
public record RenderCounters(long builds, long cacheLookups, long cacheHits) {

  public static final RenderCounters ZERO = new RenderCounters(0, 0, 0);

  /** What happened between {@code earlier} and this snapshot. */
  public RenderCounters minus(RenderCounters earlier) {
    return new RenderCounters(builds - earlier.builds, cacheLookups - earlier.cacheLookups,
        cacheHits - earlier.cacheHits);
  }

  /** cacheHits / cacheLookups, 0 when nothing was looked up. */
  public double hitRate() {
    return cacheLookups == 0 ? 0 : (double) cacheHits / cacheLookups;
  }
}
