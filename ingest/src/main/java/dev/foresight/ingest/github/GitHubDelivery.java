package dev.foresight.ingest.github;

import dev.foresight.schema.ChangeRequested;
import java.util.Optional;

/**
 * What one webhook delivery means for Foresight.
 *
 * @param event the {@code X-GitHub-Event} header
 * @param deliveryId the {@code X-GitHub-Delivery} header, may be null
 * @param repo {@code repository.clone_url}, or null when the payload has none
 * @param change the change to render, empty when the delivery renders nothing
 * @param note why nothing is rendered, or what is special about the change (forced push ...)
 */
public record GitHubDelivery(
    String event, String deliveryId, String repo, Optional<ChangeRequested> change, String note) {

  static GitHubDelivery ignored(String event, String deliveryId, String repo, String why) {
    return new GitHubDelivery(event, deliveryId, repo, Optional.empty(), why);
  }

  static GitHubDelivery render(String event, String deliveryId, ChangeRequested change, String note) {
    return new GitHubDelivery(event, deliveryId, change.getRepo(), Optional.of(change), note);
  }
}
