package dev.foresight.stage;

import dev.foresight.schema.Topic;
import org.apache.avro.specific.SpecificRecord;

/** Where a stage handler sends its output; sent atomically with the input's offset. */
public interface Emitter {
  <V extends SpecificRecord> void send(Topic<V> topic, String key, V value);
}
