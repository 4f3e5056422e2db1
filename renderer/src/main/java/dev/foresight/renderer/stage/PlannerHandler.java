package dev.foresight.renderer.stage;

import dev.foresight.renderer.Renderer;
import dev.foresight.renderer.changelog.Promotions;
import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.RenderJob;
import dev.foresight.schema.RenderPlan;
import dev.foresight.schema.Topics;
import dev.foresight.stage.Emitter;
import dev.foresight.stage.Handler;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** changes -> one RenderPlan (key: change id) and its RenderJobs (key: repo/profile/ks). */
public final class PlannerHandler implements Handler<ChangeRequested> {

  private static final Logger LOG = LoggerFactory.getLogger(PlannerHandler.class);

  private final Renderer renderer;

  public PlannerHandler(Renderer renderer) {
    this.renderer = renderer;
  }

  @Override
  public void handle(String key, ChangeRequested change, Emitter out) {
    MDC.put("change", change.getChangeId());
    MDC.put("repo", change.getRepo());
    try {
      Promotions.Verdict verdict = renderer.promotion(change);
      if (verdict.reason() != null) {
        LOG.info("{} {} is a {}: {}", change.getKind(), change.getRef(), verdict.change().getKind(), verdict.reason());
      }
      RenderPlan plan = renderer.plan(verdict);
      out.send(Topics.RENDER_PLANS, plan.getChangeId(), plan);
      List<RenderJob> jobs = renderer.jobs(plan);
      for (RenderJob job : jobs) {
        out.send(Topics.RENDER_JOBS, ChangeIds.jobKey(job), job);
      }
      if (plan.getError() != null) {
        LOG.warn("planned {} {}..{}: not planned: {}", change.getRef(), change.getBase(), change.getHead(), plan.getError());
      } else {
        LOG.info("planned {} {}..{}: {} pairs, {} jobs", change.getRef(), change.getBase(), change.getHead(),
            plan.getPairs().size(), jobs.size());
      }
    } finally {
      MDC.remove("change");
      MDC.remove("repo");
    }
  }
}
