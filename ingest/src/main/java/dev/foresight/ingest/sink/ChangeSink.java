package dev.foresight.ingest.sink;

import dev.foresight.schema.ChangeRequested;

/** Accepts a change for rendering. */
@FunctionalInterface
public interface ChangeSink {

  /**
   * Writes {@code change} durably; returns only once it is written.
   *
   * @throws Exception when it could not be written (the caller answers so that it is retried)
   */
  void submit(ChangeRequested change) throws Exception;
}
