package dev.foresight.differ.stream;

/**
 * Raised by the differ's timeout sweep when the collected progress of a change cannot be turned
 * into a report; carries the encoded progress so that it is parked as a dead letter, not lost. The
 * sweep removes the progress first, so the same change does not fail again at every sweep.
 */
final class UnreportableChange extends RuntimeException {

  private final String changeId;
  private final byte[] progress;

  UnreportableChange(String changeId, byte[] progress, RuntimeException cause) {
    super("cannot report change " + changeId + " after the timeout: " + DeadLetters.message(cause), cause);
    this.changeId = changeId;
    this.progress = progress;
  }

  String changeId() {
    return changeId;
  }

  /** The change's {@code ChangeProgress}, Avro single-object encoded. */
  byte[] progress() {
    return progress;
  }
}
