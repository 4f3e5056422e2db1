/**
 * The records on Foresight's topics (generated from {@code src/main/avro/foresight.avdl}),
 * their serde ({@link dev.foresight.schema.AvroSerde}) and the topic catalogue
 * ({@link dev.foresight.schema.Topics}).
 */
package dev.foresight.schema;
