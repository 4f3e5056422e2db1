package dev.foresight.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped {@code logback.xml} prints the MDC keys of DESIGN.md's logging convention
 * ({@code delivery}, {@code repo}, {@code change}, {@code profile}, {@code ks}) that are set, in
 * that order, and nothing for those that are not.
 */
class LogPatternTest {

  private final LoggerContext context = new LoggerContext();
  private Encoder<ILoggingEvent> encoder;

  @BeforeEach
  @SuppressWarnings("unchecked")
  void configure() throws Exception {
    URL shipped = Foresight.class.getResource("/logback.xml");
    assertNotNull(shipped, "logback.xml on the main classpath");
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(shipped);
    OutputStreamAppender<ILoggingEvent> appender =
        (OutputStreamAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
    assertNotNull(appender, "the STDERR appender of logback.xml");
    encoder = appender.getEncoder();
  }

  @AfterEach
  void stop() {
    context.stop();
  }

  @Test
  void aWebhookLineCarriesItsDeliveryAndRepo() {
    assertEquals("INFO  GitHubWebhookHandler d-42 https://github.com/acme/infra.git - accepted",
        line(Map.of("delivery", "d-42", "repo", "https://github.com/acme/infra.git"), "accepted"));
  }

  @Test
  void aRenderLineCarriesAllFiveKeysInOrder() {
    assertEquals("INFO  GitHubWebhookHandler d-1 /srv/infra 0123abcd staging apps - rendered",
        line(Map.of("ks", "apps", "profile", "staging", "change", "0123abcd", "repo", "/srv/infra",
            "delivery", "d-1"), "rendered"));
  }

  @Test
  void keysThatAreNotSetLeaveNoGaps() {
    assertEquals("INFO  GitHubWebhookHandler /srv/infra staging - planned",
        line(Map.of("repo", "/srv/infra", "profile", "staging"), "planned"));
    assertEquals("INFO  GitHubWebhookHandler - up", line(Map.of(), "up"));
  }

  /** The encoded line without its time stamp and line end. */
  private String line(Map<String, String> mdc, String message) {
    Logger logger = context.getLogger("dev.foresight.ingest.webhook.GitHubWebhookHandler");
    LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, message, null, null);
    event.setMDCPropertyMap(mdc);
    String encoded = new String(encoder.encode(event), StandardCharsets.UTF_8);
    return encoded.strip().replaceFirst("^\\d\\d:\\d\\d:\\d\\d ", "");
  }
}
