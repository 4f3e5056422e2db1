package dev.foresight.differ.stream;

import dev.foresight.schema.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that decodes but breaks the differ (an invariant it checks, a failure while merging it
 * into a report) becomes a {@code DeadLetter} with the original bytes; a change whose report fails
 * in the timeout sweep becomes one with its collected progress, the store's changelog topic as
 * source and offset -1. The differ goes on either way. A failure with neither (no record, not the
 * sweep) fails the task as before: there is nothing to park.
 */
public final class FailedRecords implements ProcessingExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(FailedRecords.class);

  private DeadLetters letters;
  private String progressChangelog;

  @Override
  public void configure(Map<String, ?> configs) {
    letters = DeadLetters.configured(configs);
    progressChangelog = configs.get(StreamsConfig.APPLICATION_ID_CONFIG) + "-" + DifferTopology.PROGRESS_STORE
        + "-changelog";
  }

  @Override
  public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    if (exception instanceof OversizeReport oversize) {
      return Response.resume(List.of(letters.letter(Topics.REPORTS.name(), context.taskId().partition(), -1L,
          oversize.reportKey().getBytes(StandardCharsets.UTF_8), null, oversize.getMessage(), exception)));
    }
    if (exception instanceof StreamsException) {
      // Kafka's own failure (a send refused, a transaction in error): the record is fine; fail the
      // task so that Kafka aborts and retries, rather than park a healthy record.
      log.error("{}: processor {} failed in Kafka: {}", DeadLetters.STAGE, context.processorNodeId(),
          exception.toString(), exception);
      return Response.fail();
    }
    if (exception instanceof UnreportableChange change) {
      return Response.resume(List.of(letters.letter(progressChangelog, context.taskId().partition(), -1L,
          change.changeId().getBytes(StandardCharsets.UTF_8), change.progress(), change.getMessage(), exception)));
    }
    if (context.topic() == null) {
      log.error("{}: processor {} failed without a source record to park: {}", DeadLetters.STAGE,
          context.processorNodeId(), exception.toString(), exception);
      return Response.fail();
    }
    String reason = "processor " + context.processorNodeId() + " failed on the record: "
        + DeadLetters.message(exception);
    return Response.resume(List.of(letters.letter(context.topic(), context.partition(), context.offset(),
        context.sourceRawKey(), context.sourceRawValue(), reason, exception)));
  }
}
