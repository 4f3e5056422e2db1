/** The HTTP edge: {@code POST /webhooks/github} and {@code GET /healthz} on the JDK's HttpServer. */
package dev.foresight.ingest.webhook;
