package dev.foresight.app.history;

import dev.foresight.app.runtime.LocalPipeline;
import dev.foresight.renderer.Renderer;
import dev.foresight.renderer.RendererConfig;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.PairAction;
import dev.foresight.schema.PlannedPair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs each change twice and compares the reports ({@link ReportComparison}):
 *
 * <ul>
 *   <li>the production path, configured as {@code foresight diff} configures it: affected-only
 *       planning and the render cache, one {@link Renderer} (one data directory, one cache) for
 *       every change of a history, so later changes are served from what earlier ones cached;
 *   <li>the reference: a full re-render, {@code withAffectedOnly(false).withCache(false)} (what
 *       {@code foresight diff --all --no-cache} runs): every pair planned RENDER, every build done
 *       by the engine.
 * </ul>
 *
 * Both use the same engine and mask key, so any difference is the planner's or the cache's.
 */
final class AffectedVsFull implements AutoCloseable {

  private static final byte[] MASK_KEY = "history-proof-mask-key".getBytes(StandardCharsets.UTF_8);
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  private final Renderer production;
  private final Renderer reference;
  private final LocalPipeline affected;
  private final LocalPipeline full;
  private final List<String> differences = new ArrayList<>();
  private int transitions;
  private int pairs;
  private int skipped;
  private int objectDiffs;
  private int changedPairs;
  private int cacheHits;

  AffectedVsFull(Path dataDir) throws IOException {
    RendererConfig config = new RendererConfig(dataDir.resolve("affected"), MASK_KEY, Duration.ofMinutes(2));
    production = new Renderer(config);
    reference = new Renderer(new RendererConfig(dataDir.resolve("full"), MASK_KEY, Duration.ofMinutes(2))
        .withEngine(config.engine()).withAffectedOnly(false).withCache(false));
    affected = new LocalPipeline(production, 2, CLOCK);
    full = new LocalPipeline(reference, 2, CLOCK);
  }

  /** Both outcomes of one change, after their reports were compared (differences are collected). */
  record Compared(LocalPipeline.Outcome affected, LocalPipeline.Outcome full) {}

  /** Runs {@code change} both ways and records every difference under {@code label}. */
  Compared compare(String label, ChangeRequested change) throws InterruptedException {
    LocalPipeline.Outcome ours = affected.run(change, p -> true, r -> {});
    LocalPipeline.Outcome reference = full.run(change, p -> true, r -> {});
    transitions++;
    cacheHits += ours.cacheHits();
    for (PlannedPair pair : reference.plan().getPairs()) {
      if (pair.getAction() != PairAction.RENDER) {
        differences.add(label + ": the full re-render planned " + pair.getProfile() + "/" + pair.getKustomization()
            + " as " + pair.getAction() + ", not RENDER");
      }
    }
    Map<String, String> reasons = new HashMap<>();
    for (PlannedPair pair : ours.plan().getPairs()) {
      reasons.put(pair.getProfile() + "/" + pair.getNamespace() + "/" + pair.getKustomization(), pair.getReason());
    }
    ReportComparison.Result result = ReportComparison.compare(ours.report(), reference.report(), reasons);
    pairs += result.pairs();
    skipped += result.skipped();
    objectDiffs += result.objectDiffs();
    changedPairs += result.changedPairs();
    for (String difference : result.differences()) {
      differences.add(label + " (" + abbreviate(change.getBase()) + ".." + abbreviate(change.getHead()) + ", "
          + change.getKind() + " " + change.getRef() + "): " + difference);
    }
    return new Compared(ours, reference);
  }

  List<String> differences() {
    return differences;
  }

  int transitions() {
    return transitions;
  }

  int pairs() {
    return pairs;
  }

  int skipped() {
    return skipped;
  }

  int objectDiffs() {
    return objectDiffs;
  }

  int changedPairs() {
    return changedPairs;
  }

  int cacheHits() {
    return cacheHits;
  }

  /** One line: what was compared. */
  String summary(String what, long millis) {
    return String.format("%s: %d transitions, %d pairs compared (%d skipped by affected-only, %d changed),"
            + " %d object diffs compared, %d render-cache hits, %d differences, %.1f s", what, transitions, pairs,
        skipped, changedPairs, objectDiffs, cacheHits, differences.size(), millis / 1000.0);
  }

  private static String abbreviate(String sha) {
    return sha == null || sha.length() < 7 ? String.valueOf(sha) : sha.substring(0, 7);
  }

  @Override
  public void close() {
    affected.close();
    full.close();
    production.close();
    reference.close();
  }
}
