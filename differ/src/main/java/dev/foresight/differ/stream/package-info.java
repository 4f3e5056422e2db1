/**
 * Kafka Streams adapter of the differ: collects plans and render results per change id in a state
 * store and emits the report when complete, or partial after a timeout.
 */
package dev.foresight.differ.stream;
