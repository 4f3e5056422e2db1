package dev.foresight.stage;

/**
 * What a stage does with one input record. Throwing sends the input to the dead-letter topic with
 * the exception's message as the reason; the stage goes on with the next record.
 */
@FunctionalInterface
public interface Handler<V> {
  void handle(String key, V value, Emitter out) throws Exception;
}
