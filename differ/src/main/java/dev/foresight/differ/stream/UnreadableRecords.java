package dev.foresight.differ.stream;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * A record the differ cannot decode (not Avro single-object encoding, a schema fingerprint no
 * release wrote) becomes a {@code DeadLetter}; the differ goes on with the next record.
 */
public final class UnreadableRecords implements DeserializationExceptionHandler {

  private DeadLetters letters;

  @Override
  public void configure(Map<String, ?> configs) {
    letters = DeadLetters.configured(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
      Exception exception) {
    String reason = "cannot decode the record: " + DeadLetters.message(exception)
        + "; it was written by something other than a Foresight stage, or by a newer release"
        + " (upgrade the differ, then re-send the value from this letter)";
    return Response.resume(List.of(letters.letter(record.topic(), record.partition(), record.offset(),
        record.key(), record.value(), reason, exception)));
  }
}
