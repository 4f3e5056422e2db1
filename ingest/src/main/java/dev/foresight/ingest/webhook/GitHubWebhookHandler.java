package dev.foresight.ingest.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.foresight.ingest.github.GitHubDelivery;
import dev.foresight.ingest.github.GitHubEvents;
import dev.foresight.ingest.github.MalformedPayloadException;
import dev.foresight.ingest.github.WebhookSignature;
import dev.foresight.ingest.sink.ChangeSink;
import dev.foresight.schema.ChangeRequested;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@code POST /webhooks/github}: size limit, signature, event, dedupe by delivery id, then the
 * change is submitted before the answer (202), so GitHub redelivers whatever was not written (503).
 */
final class GitHubWebhookHandler implements HttpHandler {

  static final String EVENT_HEADER = "X-GitHub-Event";
  static final String DELIVERY_HEADER = "X-GitHub-Delivery";
  private static final Logger LOG = LoggerFactory.getLogger(GitHubWebhookHandler.class);

  private final WebhookConfig config;
  private final GitHubEvents events;
  private final ChangeSink sink;
  private final DeliveryIds deliveries;

  GitHubWebhookHandler(WebhookConfig config, GitHubEvents events, ChangeSink sink) {
    this.config = config;
    this.events = events;
    this.sink = sink;
    this.deliveries = new DeliveryIds(config.rememberedDeliveries());
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String delivery = exchange.getRequestHeaders().getFirst(DELIVERY_HEADER);
    String event = exchange.getRequestHeaders().getFirst(EVENT_HEADER);
    MDC.put("delivery", delivery == null ? "-" : delivery);
    try {
      Reply reply;
      try {
        reply = answer(exchange, event, delivery);
      } catch (RuntimeException e) {
        LOG.error("github {} delivery failed", event, e);
        reply = Reply.error(500, "internal error: " + e.getClass().getSimpleName());
      }
      HttpReplies.send(exchange, reply);
      if (reply.status() >= 500) {
        LOG.warn("github {} delivery -> {}", event, reply.summary());
      } else {
        LOG.info("github {} delivery -> {}", event, reply.summary());
      }
    } finally {
      MDC.remove("delivery");
      MDC.remove("repo");
    }
  }

  private Reply answer(HttpExchange exchange, String event, String delivery) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "POST");
      return Reply.error(405, "method " + exchange.getRequestMethod() + " not allowed, use POST");
    }
    byte[] body = readBody(exchange);
    if (body == null) {
      return Reply.error(413, "payload larger than " + config.maxBodyBytes() + " bytes");
    }
    String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER);
    if (signature == null) {
      return Reply.error(401, "missing " + WebhookSignature.HEADER + " header");
    }
    if (!WebhookSignature.verify(config.secret(), body, signature)) {
      return Reply.error(401, "invalid " + WebhookSignature.HEADER + " signature");
    }
    if (event == null || event.isBlank()) {
      return Reply.error(400, "missing " + EVENT_HEADER + " header");
    }
    GitHubDelivery meaning;
    try {
      meaning = events.interpret(event, delivery, body);
    } catch (MalformedPayloadException e) {
      return Reply.error(400, e.getMessage());
    }
    if (meaning.repo() != null) {
      MDC.put("repo", meaning.repo());
    }
    if (delivery != null && !deliveries.claim(delivery)) {
      return Reply.status(200, "duplicate", "delivery", delivery);
    }
    if (meaning.change().isEmpty()) {
      return Reply.status(200, "ignored", "reason", meaning.note());
    }
    return submit(meaning.change().get(), delivery, meaning.note());
  }

  private Reply submit(ChangeRequested change, String delivery, String note) {
    try {
      sink.submit(change);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      if (delivery != null) {
        deliveries.release(delivery);
      }
      LOG.warn("change {} could not be submitted", change.getChangeId(), e);
      return Reply.error(503, "change could not be queued, retry later: " + e.getMessage());
    }
    return Reply.status(202, "accepted", "change", change.getChangeId(), "kind", change.getKind().name(),
        "ref", change.getRef(), "base", change.getBase(), "head", change.getHead(),
        "note", note.isEmpty() ? null : note);
  }

  /** The body, or null when it is larger than the limit. */
  private byte[] readBody(HttpExchange exchange) throws IOException {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.strip()) > config.maxBodyBytes()) {
          return null;
        }
      } catch (NumberFormatException ignored) {
        // the JDK server rejects such requests itself; fall through to the read limit
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(config.maxBodyBytes() + 1);
      return body.length > config.maxBodyBytes() ? null : body;
    }
  }
}
