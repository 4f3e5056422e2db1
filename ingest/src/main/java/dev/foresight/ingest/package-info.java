/**
 * Ingest: turns ref updates (GitHub webhooks, replay files) into {@code ChangeRequested} records on
 * {@code foresight.changes.v1}. Front door: {@link dev.foresight.ingest.webhook.WebhookServer};
 * the pure cores are {@link dev.foresight.ingest.github.GitHubEvents},
 * {@link dev.foresight.ingest.github.WebhookSignature} and
 * {@link dev.foresight.ingest.replay.ReplayEvents}.
 */
package dev.foresight.ingest;
