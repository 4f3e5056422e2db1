package dev.foresight.differ.stream;

import dev.foresight.schema.AvroSerde;
import dev.foresight.schema.ChangeProgress;
import dev.foresight.schema.Topics;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The differ stage: {@code render-plans} + {@code renders} (both keyed by change id, so they must
 * have the same number of partitions) into the {@value #PROGRESS_STORE} store, reports out to
 * {@code reports} keyed by {@code repo#target}.
 */
public final class DifferTopology {

  public static final String PROGRESS_STORE = "differ-progress";

  private DifferTopology() {}

  public static Topology build(DifferOptions options) {
    Topology topology = new Topology();
    topology.addSource("plans", Serdes.String().deserializer(),
        Topics.RENDER_PLANS.valueSerde().deserializer(), Topics.RENDER_PLANS.name());
    topology.addSource("renders", Serdes.String().deserializer(),
        Topics.RENDERS.valueSerde().deserializer(), Topics.RENDERS.name());
    topology.addProcessor("progress", () -> new ProgressProcessor(options), "plans", "renders");
    topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PROGRESS_STORE),
        Serdes.String(), new AvroSerde<>(ChangeProgress.class))
        .withLoggingEnabled(Map.of("max.message.bytes", String.valueOf(DifferStreams.MAX_REQUEST_BYTES))),
        "progress");
    // The processor encodes the report itself, to check its size before Kafka sees it.
    topology.addSink("reports", Topics.REPORTS.name(), Serdes.String().serializer(),
        Serdes.ByteArray().serializer(), "progress");
    return topology;
  }
}
