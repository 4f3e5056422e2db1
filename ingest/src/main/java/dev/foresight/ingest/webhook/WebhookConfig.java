package dev.foresight.ingest.webhook;

import dev.foresight.ingest.github.GitHubEvents;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Settings of the webhook server, validated on construction.
 *
 * @param host address to bind, e.g. {@code 0.0.0.0}
 * @param port port to bind, 0 for an ephemeral one
 * @param secret the GitHub webhook secret; required
 * @param maxBodyBytes larger bodies are answered 413
 * @param rememberedDeliveries how many {@code X-GitHub-Delivery} ids are kept for dedupe
 * @param promotionBranches branches whose pushes are promotions
 * @param threads request handler threads
 */
public record WebhookConfig(
    String host,
    int port,
    String secret,
    int maxBodyBytes,
    int rememberedDeliveries,
    Set<String> promotionBranches,
    int threads) {

  public static final String SECRET_ENV = "FORESIGHT_GITHUB_WEBHOOK_SECRET";
  public static final String HOST_ENV = "FORESIGHT_INGEST_HOST";
  public static final String PORT_ENV = "FORESIGHT_INGEST_PORT";
  public static final String PROMOTION_BRANCHES_ENV = "FORESIGHT_PROMOTION_BRANCHES";
  /** GitHub caps webhook payloads at 25 MB. */
  public static final int GITHUB_MAX_BODY_BYTES = 25 * 1024 * 1024;
  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_REMEMBERED_DELIVERIES = 10_000;
  public static final int DEFAULT_THREADS = 4;

  public WebhookConfig {
    Objects.requireNonNull(host, "host");
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException(
          "no GitHub webhook secret: set " + SECRET_ENV + " to the secret configured on the webhook;"
              + " the server does not accept unsigned deliveries");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is out of range 0..65535 (" + PORT_ENV + ")");
    }
    requirePositive(maxBodyBytes, "maxBodyBytes");
    if (maxBodyBytes > GITHUB_MAX_BODY_BYTES * 4) {
      throw new IllegalArgumentException("maxBodyBytes " + maxBodyBytes + " is above 100 MB");
    }
    requirePositive(rememberedDeliveries, "rememberedDeliveries");
    requirePositive(threads, "threads");
    promotionBranches = Set.copyOf(promotionBranches);
  }

  /** Defaults with the given bind address and secret. */
  public static WebhookConfig of(String host, int port, String secret) {
    return new WebhookConfig(host, port, secret, GITHUB_MAX_BODY_BYTES, DEFAULT_REMEMBERED_DELIVERIES,
        GitHubEvents.DEFAULT_PROMOTION_BRANCHES, DEFAULT_THREADS);
  }

  /**
   * From environment variables: {@value #SECRET_ENV} (required), {@value #HOST_ENV} (default
   * {@value #DEFAULT_HOST}), {@value #PORT_ENV} (default {@value #DEFAULT_PORT}),
   * {@value #PROMOTION_BRANCHES_ENV} (comma-separated, default staging,production).
   */
  public static WebhookConfig fromEnv(Map<String, String> env) {
    String portText = env.getOrDefault(PORT_ENV, String.valueOf(DEFAULT_PORT)).strip();
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PORT_ENV + "='" + portText + "' is not a port number");
    }
    WebhookConfig config = of(env.getOrDefault(HOST_ENV, DEFAULT_HOST), port, env.get(SECRET_ENV));
    String branches = env.get(PROMOTION_BRANCHES_ENV);
    return branches == null ? config : config.withPromotionBranches(parseList(branches));
  }

  public WebhookConfig withMaxBodyBytes(int bytes) {
    return new WebhookConfig(host, port, secret, bytes, rememberedDeliveries, promotionBranches, threads);
  }

  public WebhookConfig withRememberedDeliveries(int count) {
    return new WebhookConfig(host, port, secret, maxBodyBytes, count, promotionBranches, threads);
  }

  public WebhookConfig withPromotionBranches(Set<String> branches) {
    return new WebhookConfig(host, port, secret, maxBodyBytes, rememberedDeliveries, branches, threads);
  }

  /** Never prints the secret. */
  @Override
  public String toString() {
    return "WebhookConfig[host=" + host + ", port=" + port + ", secret=***, maxBodyBytes=" + maxBodyBytes
        + ", rememberedDeliveries=" + rememberedDeliveries + ", promotionBranches=" + promotionBranches
        + ", threads=" + threads + "]";
  }

  private static Set<String> parseList(String text) {
    return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private static void requirePositive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
