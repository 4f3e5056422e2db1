package dev.foresight.differ.stream;

/**
 * Raised by the differ instead of handing Kafka a report larger than its producer may send even
 * with its diff text left out (errors and object lists are kept whole): under
 * {@code exactly_once_v2} a send Kafka refuses poisons the whole transaction, so the same change
 * would fail again after every restart. {@link FailedRecords} parks it as a {@code DeadLetter}
 * without the report's bytes; the change's progress is already removed.
 */
final class OversizeReport extends RuntimeException {

  private final String reportKey;

  OversizeReport(String changeId, String reportKey, int size, long limit) {
    super("the report of change " + changeId + " (" + reportKey + ") is " + size + " bytes even without its diff text, over"
        + " the " + limit + " bytes the differ may send (producer max.request.size less headroom): it was not"
        + " published. See the"
        + " change locally with `foresight diff`, or raise the differ's producer max.request.size together with"
        + " the topics' max.message.bytes");
    this.reportKey = reportKey;
  }

  String reportKey() {
    return reportKey;
  }
}
