package dev.foresight.schema;

import java.util.List;
import java.util.Map;

/** Every topic of the pipeline, its record type and its configuration, in one place. */
public final class Topics {

  private static final Map<String, String> DELETE = Map.of(
      "cleanup.policy", "delete", "retention.ms", String.valueOf(7L * 24 * 3600 * 1000),
      "compression.type", "zstd", "max.message.bytes", String.valueOf(8 * 1024 * 1024));
  private static final Map<String, String> COMPACT = Map.of(
      "cleanup.policy", "compact", "compression.type", "zstd",
      "max.message.bytes", String.valueOf(8 * 1024 * 1024));

  /** key: repo. */
  public static final Topic<ChangeRequested> CHANGES =
      new Topic<>("foresight.changes.v1", new AvroSerde<>(ChangeRequested.class), DELETE);
  /** key: change id. */
  public static final Topic<RenderPlan> RENDER_PLANS =
      new Topic<>("foresight.render-plans.v1", new AvroSerde<>(RenderPlan.class), DELETE);
  /** key: repo/profile/kustomization. */
  public static final Topic<RenderJob> RENDER_JOBS =
      new Topic<>("foresight.render-jobs.v1", new AvroSerde<>(RenderJob.class), DELETE);
  /** key: change id. */
  public static final Topic<RenderResult> RENDERS =
      new Topic<>("foresight.renders.v1", new AvroSerde<>(RenderResult.class), DELETE);
  /** key: repo#target; compacted: the latest report per target. */
  public static final Topic<Report> REPORTS =
      new Topic<>("foresight.reports.v1", new AvroSerde<>(Report.class), COMPACT);
  /** key: repo#target (ADR 0005); compacted: where the latest report of a target was published. */
  public static final Topic<Publication> PUBLICATIONS =
      new Topic<>("foresight.publications.v1", new AvroSerde<>(Publication.class), COMPACT);
  /** key: the original record's key. */
  public static final Topic<DeadLetter> DLQ =
      new Topic<>("foresight.dlq.v1", new AvroSerde<>(DeadLetter.class), DELETE);

  public static final List<Topic<?>> ALL =
      List.of(CHANGES, RENDER_PLANS, RENDER_JOBS, RENDERS, REPORTS, PUBLICATIONS, DLQ);

  /** Partitions per topic when Foresight creates them; bounds the parallelism of each stage. */
  public static final int DEFAULT_PARTITIONS = 6;

  private Topics() {}
}
