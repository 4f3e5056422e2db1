/**
 * The differ: turns a render plan and its render results into a {@link dev.foresight.schema.Report}.
 * {@link dev.foresight.differ.Differ} is the pure front door; {@code stream} adapts it to Kafka Streams.
 */
package dev.foresight.differ;
