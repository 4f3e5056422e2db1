package dev.foresight.differ.stream;

import dev.foresight.differ.progress.Progress;
import dev.foresight.differ.progress.ReportTrim;
import dev.foresight.schema.AvroSerde;
import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.ChangeProgress;
import dev.foresight.schema.RenderPlan;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.Report;
import dev.foresight.schema.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Collects plan and results per change id; forwards the report when complete or timed out. What
 * throws here goes to {@link FailedRecords} (dead letter, then the next record).
 */
final class ProgressProcessor implements Processor<String, Object, String, byte[]> {

  private static final Logger log = LoggerFactory.getLogger(ProgressProcessor.class);

  private static final AvroSerde<ChangeProgress> PROGRESS_SERDE = new AvroSerde<>(ChangeProgress.class);

  private final DifferOptions options;
  private ProcessorContext<String, byte[]> context;
  private long maxReportBytes;
  private KeyValueStore<String, ChangeProgress> store;

  ProgressProcessor(DifferOptions options) {
    this.options = options;
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
    this.maxReportBytes = DifferStreams.maxValueBytes(context.appConfigs());
    this.store = context.getStateStore(DifferTopology.PROGRESS_STORE);
    context.schedule(options.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, this::expire);
  }

  @Override
  public void process(Record<String, Object> record) {
    Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
    String changeId;
    if (record.value() instanceof RenderPlan plan) {
      changeId = plan.getChangeId();
    } else if (record.value() instanceof RenderResult result) {
      changeId = result.getChangeId();
    } else {
      return; // tombstone or unknown record: nothing to collect
    }
    if (!changeId.equals(record.key())) {
      throw new IllegalArgumentException(record.value().getClass().getSimpleName() + " of change " + changeId
          + " arrived with key " + record.key() + ": render plans and results must be keyed by their change id,"
          + " so that they meet in one task; fix the producer of this topic");
    }
    ChangeProgress next = record.value() instanceof RenderPlan plan
        ? Progress.withPlan(store.get(changeId), plan, now)
        : Progress.withResult(store.get(changeId), (RenderResult) record.value(), now);
    if (Progress.isComplete(next)) {
      store.delete(changeId); // first: a report that cannot be sent is parked once, not kept
      context.forward(report(changeId, next, now, record.timestamp()));
    } else {
      store.put(changeId, next);
    }
  }

  private void expire(long wallClockMs) {
    Instant now = Instant.ofEpochMilli(wallClockMs);
    List<KeyValue<String, ChangeProgress>> expired = new ArrayList<>();
    try (KeyValueIterator<String, ChangeProgress> all = store.all()) {
      all.forEachRemaining(entry -> {
        if (Progress.isExpired(entry.value, now, options.timeout())) {
          expired.add(entry);
        }
      });
    }
    for (KeyValue<String, ChangeProgress> entry : expired) {
      store.delete(entry.key);
      if (entry.value.getPlan() == null) {
        log.warn("change {}: {} render results but no plan after {}; dropping them",
            entry.key, entry.value.getResults().size(), options.timeout());
        continue;
      }
      Record<String, byte[]> report;
      try {
        report = report(entry.key, entry.value, now, wallClockMs);
      } catch (OversizeReport e) {
        throw e; // parked without its progress, which is as large
      } catch (RuntimeException e) {
        // Removed above, so it cannot fail every sweep; the dead letter keeps it. Changes after it
        // in this sweep are reported at the next one.
        throw new UnreportableChange(entry.key, PROGRESS_SERDE.encode(entry.value), e);
      }
      // Outside the try: what Kafka throws here (a send refused, the task migrated) is not the
      // change's fault and goes up as it is.
      context.forward(report);
    }
  }

  /**
   * The encoded report; its diff text is cut when it is over what the producer may send (the
   * warnings say so), and it is refused when still over without any.
   */
  private Record<String, byte[]> report(String changeId, ChangeProgress progress, Instant now, long timestamp) {
    Report report = Progress.report(progress, now, options.diff());
    String key = ChangeIds.reportKey(report.getChange());
    if (!report.getMissing().isEmpty()) {
      MDC.put("change", changeId);
      try {
        log.info("change {}: reporting partially after {}, missing {}", changeId, options.timeout(),
            report.getMissing());
      } finally {
        MDC.remove("change");
      }
    }
    byte[] value = Topics.REPORTS.valueSerde().encode(report);
    if (value.length > maxReportBytes) {
      int size = value.length;
      // A little more than the excess, for the warnings added.
      value = Topics.REPORTS.valueSerde().encode(ReportTrim.withoutDiffText(report,
          size - maxReportBytes + maxReportBytes / 16, size, maxReportBytes));
      if (value.length > maxReportBytes) {
        value = Topics.REPORTS.valueSerde().encode(ReportTrim.withoutAnyDiffText(report, size, maxReportBytes));
      }
      if (value.length > maxReportBytes) {
        throw new OversizeReport(changeId, key, value.length, maxReportBytes);
      }
      log.warn("change {}: report of {} bytes over {}, sent with diff text left out ({} bytes)", changeId, size,
          maxReportBytes, value.length);
    }
    return new Record<>(key, value, timestamp);
  }
}
