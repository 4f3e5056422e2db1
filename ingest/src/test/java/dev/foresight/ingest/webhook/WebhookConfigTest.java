package dev.foresight.ingest.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebhookConfigTest {

  @Test
  void defaultsFromEnvironment() {
    WebhookConfig config = WebhookConfig.fromEnv(Map.of(WebhookConfig.SECRET_ENV, "s3cret"));
    assertEquals("0.0.0.0", config.host());
    assertEquals(8080, config.port());
    assertEquals(25 * 1024 * 1024, config.maxBodyBytes());
    assertEquals(Set.of("staging", "production"), config.promotionBranches());
    assertFalse(config.toString().contains("s3cret"), config.toString());
  }

  @Test
  void environmentOverrides() {
    WebhookConfig config = WebhookConfig.fromEnv(Map.of(WebhookConfig.SECRET_ENV, "s", WebhookConfig.HOST_ENV,
        "127.0.0.1", WebhookConfig.PORT_ENV, "9000", WebhookConfig.PROMOTION_BRANCHES_ENV, " qa, prod ,"));
    assertEquals("127.0.0.1", config.host());
    assertEquals(9000, config.port());
    assertEquals(Set.of("qa", "prod"), config.promotionBranches());
  }

  @Test
  void invalidSettingsSayWhatToFix() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> WebhookConfig.fromEnv(Map.of()))
        .getMessage().contains(WebhookConfig.SECRET_ENV));
    assertThrows(IllegalArgumentException.class, () -> WebhookConfig.of("0.0.0.0", 0, ""));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> WebhookConfig.fromEnv(Map.of(WebhookConfig.SECRET_ENV, "s", WebhookConfig.PORT_ENV, "http")))
        .getMessage().contains(WebhookConfig.PORT_ENV));
    assertThrows(IllegalArgumentException.class, () -> WebhookConfig.of("0.0.0.0", 70000, "s"));
    assertThrows(IllegalArgumentException.class, () -> WebhookConfig.of("0.0.0.0", 0, "s").withMaxBodyBytes(0));
  }
}
