/** Where accepted changes go: the {@code foresight.changes.v1} topic, or a test double. */
package dev.foresight.ingest.sink;
