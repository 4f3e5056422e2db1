package dev.foresight.renderer.stage;

import dev.foresight.renderer.Renderer;
import dev.foresight.schema.RenderJob;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.RenderStatus;
import dev.foresight.schema.Topics;
import dev.foresight.stage.Emitter;
import dev.foresight.stage.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** render-jobs -> one RenderResult (key: change id). */
public final class WorkerHandler implements Handler<RenderJob> {

  private static final Logger LOG = LoggerFactory.getLogger(WorkerHandler.class);

  private final Renderer renderer;

  public WorkerHandler(Renderer renderer) {
    this.renderer = renderer;
  }

  @Override
  public void handle(String key, RenderJob job, Emitter out) {
    MDC.put("change", job.getChangeId());
    MDC.put("repo", job.getChange().getRepo());
    MDC.put("profile", job.getProfile());
    MDC.put("ks", job.getKustomization());
    try {
      RenderResult result = renderer.render(job);
      out.send(Topics.RENDERS, result.getChangeId(), result);
      if (result.getStatus() == RenderStatus.OK) {
        LOG.info("rendered in {} ms with {}", result.getDurationMs(), result.getEngine());
      } else {
        LOG.warn("render failed in {} ms: {}", result.getDurationMs(), result.getError());
      }
    } finally {
      MDC.remove("change");
      MDC.remove("repo");
      MDC.remove("profile");
      MDC.remove("ks");
    }
  }
}
