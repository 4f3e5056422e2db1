package dev.foresight.ingest.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.ChangeKind;
import dev.foresight.schema.ChangeRequested;
import java.io.IOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Maps a GitHub webhook delivery (event name, delivery id, raw body) to the change Foresight renders.
 *
 * <ul>
 *   <li>{@code push}: {@code PUSH} (or {@code PROMOTION} on a promotion branch) from {@code before}
 *       to {@code after}; a deleted branch or tag renders nothing; a created ref has base {@link
 *       ChangeIds#ZERO_SHA}; a forced push keeps {@code before} as base and says so in the note.
 *   <li>{@code pull_request} opened, synchronize, reopened: {@code PULL_REQUEST} from the base
 *       branch's sha to the head sha; other actions (closed ...) render nothing.
 *   <li>{@code ping} and every other event render nothing.
 * </ul>
 */
public final class GitHubEvents {

  public static final String SOURCE = "github-webhook";
  public static final Set<String> DEFAULT_PROMOTION_BRANCHES = Set.of("staging", "production");
  private static final Set<String> RENDERED_PR_ACTIONS = Set.of("opened", "synchronize", "reopened");
  private static final String HEADS = "refs/heads/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Set<String> promotionRefs;
  private final Clock clock;

  /**
   * @param promotionBranches branch names (or full {@code refs/heads/...} refs) whose pushes are
   *     promotions
   * @param clock stamps {@code requestedAt}
   */
  public GitHubEvents(Set<String> promotionBranches, Clock clock) {
    Set<String> refs = new LinkedHashSet<>();
    for (String branch : promotionBranches) {
      String b = branch.strip();
      if (b.isEmpty()) {
        throw new IllegalArgumentException("empty promotion branch name in " + promotionBranches);
      }
      refs.add(b.startsWith("refs/") ? b : HEADS + b);
    }
    this.promotionRefs = Set.copyOf(refs);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Promotion branches staging and production, system clock. */
  public static GitHubEvents withDefaults() {
    return new GitHubEvents(DEFAULT_PROMOTION_BRANCHES, Clock.systemUTC());
  }

  /** The change to render for this delivery, or empty when it renders nothing. */
  public Optional<ChangeRequested> toChange(String event, String deliveryId, byte[] body) {
    return interpret(event, deliveryId, body).change();
  }

  /**
   * Reads one delivery.
   *
   * @throws MalformedPayloadException when the body is not a JSON object or lacks a needed field
   */
  public GitHubDelivery interpret(String event, String deliveryId, byte[] body) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(body, "body");
    JsonNode root = parse(event, body);
    String repo = root.path("repository").path("clone_url").textValue();
    switch (event) {
      case "push":
        return push(root, deliveryId, required(event, "repository.clone_url", repo));
      case "pull_request":
        return pullRequest(root, deliveryId, required(event, "repository.clone_url", repo));
      case "ping":
        return GitHubDelivery.ignored(event, deliveryId, repo, "ping");
      default:
        return GitHubDelivery.ignored(event, deliveryId, repo, "event '" + event + "' is not rendered");
    }
  }

  private GitHubDelivery push(JsonNode root, String deliveryId, String repo) {
    String ref = text(root, "push", "ref");
    String before = text(root, "push", "before");
    String after = text(root, "push", "after");
    if (root.path("deleted").asBoolean(false) || ChangeIds.ZERO_SHA.equals(after)) {
      return GitHubDelivery.ignored("push", deliveryId, repo, "deleted " + ref);
    }
    boolean created = root.path("created").asBoolean(false) || ChangeIds.ZERO_SHA.equals(before);
    String base = created ? ChangeIds.ZERO_SHA : before;
    ChangeKind kind = promotionRefs.contains(ref) ? ChangeKind.PROMOTION : ChangeKind.PUSH;
    String note = created ? "created " + ref
        : root.path("forced").asBoolean(false) ? "forced push: base " + before + " may not be an ancestor of head"
        : "";
    return GitHubDelivery.render("push", deliveryId, change(repo, kind, ref, base, after, deliveryId, null), note);
  }

  private GitHubDelivery pullRequest(JsonNode root, String deliveryId, String repo) {
    String action = text(root, "pull_request", "action");
    if (!RENDERED_PR_ACTIONS.contains(action)) {
      return GitHubDelivery.ignored("pull_request", deliveryId, repo, "pull_request action '" + action + "'");
    }
    JsonNode pr = root.path("pull_request");
    String baseRef = text("pull_request", "pull_request.base.ref", pr.path("base").path("ref"));
    String baseSha = text("pull_request", "pull_request.base.sha", pr.path("base").path("sha"));
    String headSha = text("pull_request", "pull_request.head.sha", pr.path("head").path("sha"));
    JsonNode number = root.has("number") ? root.path("number") : pr.path("number");
    if (!number.canConvertToInt() || !number.isIntegralNumber()) {
      throw new MalformedPayloadException("pull_request payload: field 'number' is missing or not an integer");
    }
    ChangeRequested change =
        change(repo, ChangeKind.PULL_REQUEST, HEADS + baseRef, baseSha, headSha, deliveryId, number.intValue());
    return GitHubDelivery.render("pull_request", deliveryId, change, "pull request #" + number.intValue() + " " + action);
  }

  private ChangeRequested change(
      String repo, ChangeKind kind, String ref, String base, String head, String deliveryId, Integer pullRequest) {
    return ChangeRequested.newBuilder()
        .setChangeId(ChangeIds.of(repo, ref, pullRequest, base, head))
        .setRepo(repo)
        .setKind(kind)
        .setRef(ref)
        .setBase(base)
        .setHead(head)
        .setSource(SOURCE)
        .setRequestedAt(clock.instant().truncatedTo(ChronoUnit.MILLIS))
        .setDeliveryId(deliveryId)
        .setPullRequest(pullRequest)
        .build();
  }

  private static JsonNode parse(String event, byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new MalformedPayloadException(
          event + " payload is not valid JSON: " + e.getOriginalMessage() + locationOf(e), e);
    } catch (IOException e) {
      throw new MalformedPayloadException(event + " payload cannot be read: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new MalformedPayloadException(event + " payload is not a JSON object");
    }
    return root;
  }

  private static String locationOf(JsonProcessingException e) {
    return e.getLocation() == null ? ""
        : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
  }

  private static String text(JsonNode node, String event, String field) {
    return text(event, field, node.path(field));
  }

  private static String text(String event, String field, JsonNode value) {
    return required(event, field, value.isTextual() ? value.textValue() : null);
  }

  private static String required(String event, String field, String value) {
    if (value == null || value.isBlank()) {
      throw new MalformedPayloadException(event + " payload: field '" + field + "' is missing or not a string");
    }
    return value;
  }
}
