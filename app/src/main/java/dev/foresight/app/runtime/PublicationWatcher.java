package dev.foresight.app.runtime;

import dev.foresight.schema.Publication;
import dev.foresight.schema.Report;
import dev.foresight.schema.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows the reports and publications topics from the beginning until every expected change has
 * been published; used by the demo, by {@code replay --wait} and by the integration tests.
 */
public final class PublicationWatcher implements AutoCloseable {

  /** A published report. */
  public record Published(Report report, Publication publication) {}

  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<String, Report> reports = new LinkedHashMap<>();
  private int reportRecords;
  private final Map<String, Publication> publications = new LinkedHashMap<>();
  private final Map<String, Published> published = new LinkedHashMap<>();

  public PublicationWatcher(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "foresight-watch-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    consumer = new KafkaConsumer<>(props);
    consumer.subscribe(List.of(Topics.REPORTS.name(), Topics.PUBLICATIONS.name()));
  }

  /**
   * Waits until every change id in {@code expected} has a report and a publication, calling
   * {@code onPublished} once per change as it completes; returns what was published (in order).
   *
   * @throws IllegalStateException naming the changes still missing when {@code timeout} passes
   */
  public Map<String, Published> await(Set<String> expected, Duration timeout, BiConsumer<Report, Publication> onPublished) {
    Instant deadline = Instant.now().plus(timeout);
    while (!published.keySet().containsAll(expected)) {
      if (Instant.now().isAfter(deadline)) {
        List<String> missing = expected.stream().filter(id -> !published.containsKey(id)).sorted().toList();
        throw new IllegalStateException("no report published within " + timeout.toSeconds() + " s for "
            + missing.size() + " change(s): " + missing + " (see the DLQ topic " + Topics.DLQ.name() + ")");
      }
      poll(expected, onPublished);
    }
    return published;
  }

  private void poll(Set<String> expected, BiConsumer<Report, Publication> onPublished) {
    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
      if (record.value() == null) {
        continue;
      }
      if (record.topic().equals(Topics.REPORTS.name())) {
        Report report = Topics.REPORTS.valueSerde().decode(record.value());
        reports.put(report.getChangeId(), report);
        reportRecords++;
      } else {
        Publication publication = Topics.PUBLICATIONS.valueSerde().decode(record.value());
        publications.put(publication.getChangeId(), publication);
      }
    }
    for (Map.Entry<String, Publication> entry : publications.entrySet()) {
      Report report = reports.get(entry.getKey());
      if (report != null && expected.contains(entry.getKey()) && !published.containsKey(entry.getKey())) {
        published.put(entry.getKey(), new Published(report, entry.getValue()));
        onPublished.accept(report, entry.getValue());
      }
    }
  }

  /** Keeps reading for {@code period} (to see late duplicates). */
  public void drain(Duration period) {
    Instant until = Instant.now().plus(period);
    while (Instant.now().isBefore(until)) {
      poll(Set.of(), (r, p) -> { });
    }
  }

  /** How many report records were read (a change reported twice counts twice). */
  public int reportRecords() {
    return reportRecords;
  }

  /** Every report seen so far, by change id (including duplicates' latest value). */
  public Map<String, Report> reports() {
    return reports;
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(2));
  }
}
