package dev.foresight.app.runtime;

import dev.foresight.differ.DiffSettings;
import dev.foresight.differ.Differ;
import dev.foresight.renderer.Renderer;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.PairAction;
import dev.foresight.schema.RenderJob;
import dev.foresight.schema.RenderPlan;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.Report;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The pipeline without Kafka: the same planner, render workers and differ that the stages run,
 * called directly. Used by {@code foresight diff} and {@code foresight replay} without a broker.
 */
public final class LocalPipeline implements AutoCloseable {

  private final Renderer renderer;
  private final ExecutorService workers;
  private final Clock clock;

  public LocalPipeline(Renderer renderer, int parallelism) {
    this(renderer, parallelism, Clock.systemUTC());
  }

  /** A pipeline whose reports are dated by {@code clock} (tests pin it for golden reports). */
  public LocalPipeline(Renderer renderer, int parallelism, Clock clock) {
    this.renderer = renderer;
    this.clock = clock;
    this.workers = Executors.newFixedThreadPool(Math.max(1, parallelism), r -> {
      Thread t = new Thread(r, "foresight-render");
      t.setDaemon(true);
      return t;
    });
  }

  /** What one local run did: the plan, every render result and the report. */
  public record Outcome(RenderPlan plan, List<RenderResult> results, Report report) {

    public long rendered() {
      return plan.getPairs().stream().filter(p -> p.getAction() == PairAction.RENDER).count();
    }

    public int cacheHits() {
      return results.stream().mapToInt(RenderResult::getCacheHits).sum();
    }
  }

  /**
   * Plans, renders every job of the selected profiles (in parallel) and diffs; {@code progress}
   * hears each finished job.
   */
  public Outcome run(ChangeRequested change, Predicate<String> profiles, Consumer<RenderResult> progress)
      throws InterruptedException {
    return run(change, profiles, progress, DiffSettings.defaults());
  }

  /**
   * Same as {@link #run(ChangeRequested, Predicate, Consumer)}, diffs written with {@code diff}; a
   * {@link ProfileSelection} is checked against the plan first (a name matching no profile throws
   * {@link IllegalArgumentException}).
   */
  public Outcome run(ChangeRequested change, Predicate<String> profiles, Consumer<RenderResult> progress,
      DiffSettings diff) throws InterruptedException {
    RenderPlan plan = renderer.plan(change);
    if (profiles instanceof ProfileSelection selection) {
      selection.check(plan); // before anything is rendered
    }
    plan.setPairs(plan.getPairs().stream().filter(pair -> profiles.test(pair.getProfile())).toList());
    List<Future<RenderResult>> pending = new ArrayList<>();
    for (RenderJob job : renderer.jobs(plan)) {
      pending.add(workers.submit(() -> renderer.render(job)));
    }
    List<RenderResult> results = new ArrayList<>();
    for (Future<RenderResult> future : pending) {
      try {
        RenderResult result = future.get();
        progress.accept(result);
        results.add(result);
      } catch (ExecutionException e) {
        throw new IllegalStateException("render failed: " + e.getCause().getMessage(), e.getCause());
      }
    }
    return new Outcome(plan, results, Differ.report(plan, results, clock.instant(), diff));
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
