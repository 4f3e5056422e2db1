package dev.foresight.schema;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** A Kafka topic with its key and value serdes and the configs it is created with. */
public record Topic<V extends SpecificRecord>(String name, AvroSerde<V> valueSerde, Map<String, String> configs) {

  public Serde<String> keySerde() {
    return Serdes.String();
  }
}
