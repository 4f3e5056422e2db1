package dev.foresight.differ.stream;

import dev.foresight.schema.Report;
import dev.foresight.schema.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;

/**
 * Send errors: Kafka's default behaviour (retry what is retriable, fail the rest) without Kafka's
 * raw-byte records on the dead-letter topic (its default handler puts the source record's bytes
 * there when {@code errors.dead.letter.queue.topic.name} is set): every record there is a
 * {@code DeadLetter}. A report Kafka refuses as too large becomes a letter naming the change, its
 * size and the limit, without the report's bytes. Under {@code exactly_once_v2} that refusal
 * already poisoned the transaction (Kafka aborts it and retries the task), which is why
 * {@link ProgressProcessor} checks the size first and this is the last guard only.
 */
public final class UnsendableRecords implements ProductionExceptionHandler {

  private DeadLetters letters;
  private long maxRequestBytes;

  @Override
  public void configure(Map<String, ?> configs) {
    letters = DeadLetters.configured(configs);
    Object limit = configs.get(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
    maxRequestBytes = limit == null ? 1024 * 1024 : Long.parseLong(limit.toString());
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
      Exception exception) {
    if (exception instanceof RecordTooLargeException && isReport(record)) {
      int size = record.value() == null ? 0 : record.value().length;
      String reason = "the report of change " + changeId(record.value()) + " is " + size + " bytes (uncompressed),"
          + " over the differ's producer limit max.request.size=" + maxRequestBytes + ": it was not published."
          + " See the change locally with `foresight diff`, or raise " + ProducerConfig.MAX_REQUEST_SIZE_CONFIG
          + " together with the topics' max.message.bytes";
      return Response.resume(List.of(letter(context, record, reason, exception)));
    }
    return exception instanceof RetriableException ? Response.retry() : Response.fail();
  }

  /** Reports reach the sink encoded (see {@link ProgressProcessor}); for anything else, as Kafka's default. */
  @Override
  public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
      SerializationExceptionOrigin origin) {
    return Response.fail();
  }

  private ProducerRecord<byte[], byte[]> letter(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
      String reason, Exception exception) {
    return letters.letter(record.topic(), partition(context, record), -1L, record.key(), null, reason, exception);
  }

  private static int partition(ErrorHandlerContext context, ProducerRecord<?, ?> record) {
    if (record.partition() != null) {
      return record.partition();
    }
    return context == null ? -1 : context.taskId().partition();
  }

  private static boolean isReport(ProducerRecord<byte[], byte[]> record) {
    return Topics.REPORTS.name().equals(record.topic());
  }

  /** The change id read back from the report's bytes; a report that cannot be read says so. */
  private static String changeId(byte[] value) {
    if (value == null) {
      return "(no value)";
    }
    try {
      Report report = Topics.REPORTS.valueSerde().decode(value);
      return report.getChangeId() + " (" + report.getTarget() + ")";
    } catch (RuntimeException e) {
      return "(unreadable report: " + DeadLetters.message(e) + ")";
    }
  }
}
