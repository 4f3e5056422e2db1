package dev.foresight.ingest.webhook;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/** Writes a {@link Reply} as {@code application/json}. */
final class HttpReplies {

  private HttpReplies() {}

  static void send(HttpExchange exchange, Reply reply) throws IOException {
    byte[] bytes = reply.bytes();
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    if ("HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(reply.status(), -1);
      exchange.close();
      return;
    }
    exchange.sendResponseHeaders(reply.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
