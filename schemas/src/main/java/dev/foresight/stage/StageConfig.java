package dev.foresight.stage;

import java.util.Map;
import java.util.Objects;

/**
 * How a stage connects: bootstrap servers, its consumer group (instances of one stage share it,
 * so adding instances spreads partitions) and extra client properties.
 */
public record StageConfig(String bootstrapServers, String groupId, Map<String, Object> clientProperties) {

  public StageConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrap servers");
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrap servers are empty: give --bootstrap-servers host:port");
    }
    Objects.requireNonNull(groupId, "group id");
    clientProperties = Map.copyOf(clientProperties);
  }

  public static StageConfig of(String bootstrapServers, String groupId) {
    return new StageConfig(bootstrapServers, groupId, Map.of());
  }
}
