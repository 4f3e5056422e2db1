package dev.foresight.ingest.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.ChangeKind;
import dev.foresight.schema.ChangeRequested;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a JSON-lines log of ref updates (the {@code pushes.jsonl} of {@code gitops-repo-gen.py}):
 * one object per line, {@code {"kind": "push"|"promotion"|"pull_request", "ref", "before",
 * "after", "time" (epoch seconds), "pusher", "number" (pull requests)}}. Blank lines are skipped.
 */
public final class ReplayEvents {

  public static final String SOURCE = "replay";
  /** The kinds of a replay file and the change kind each becomes. */
  public static final Map<String, ChangeKind> KINDS = Map.of(
      "push", ChangeKind.PUSH, "promotion", ChangeKind.PROMOTION, "pull_request", ChangeKind.PULL_REQUEST);
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReplayEvents() {}

  /**
   * Every line of {@code jsonl} as a change of {@code repo}, in file order.
   *
   * @throws ReplayFormatException naming file and line when a line is not a valid ref update
   */
  public static List<ChangeRequested> read(Path jsonl, String repo) throws IOException {
    return readOnly(jsonl, repo, KINDS.keySet(), Integer.MAX_VALUE);
  }

  /**
   * The first {@code limit} lines whose {@code kind} is in {@code kinds} (file kinds: push,
   * promotion, pull_request). A line with an unknown kind is still an error; reading stops at the limit.
   */
  public static List<ChangeRequested> readOnly(Path jsonl, String repo, Set<String> kinds, int limit)
      throws IOException {
    Objects.requireNonNull(repo, "repo");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + limit);
    }
    for (String kind : kinds) {
      if (!KINDS.containsKey(kind)) {
        throw new IllegalArgumentException("unknown replay kind '" + kind + "', expected one of " + KINDS.keySet());
      }
    }
    List<ChangeRequested> changes = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
      int lineNumber = 0;
      for (String line = reader.readLine(); line != null && changes.size() < limit; line = reader.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode entry = parse(jsonl, lineNumber, line);
        String kind = text(jsonl, lineNumber, entry, "kind");
        if (kinds.contains(kind) || !KINDS.containsKey(kind)) {
          changes.add(toChange(jsonl, lineNumber, entry, kind, repo));
        }
      }
    }
    return changes;
  }

  private static ChangeRequested toChange(Path file, int line, JsonNode entry, String kind, String repo) {
    ChangeKind changeKind = KINDS.get(kind);
    if (changeKind == null) {
      throw new ReplayFormatException(file, line,
          "unknown kind '" + kind + "', expected one of " + KINDS.keySet(), null);
    }
    String ref = text(file, line, entry, "ref");
    String base = text(file, line, entry, "before");
    String head = text(file, line, entry, "after");
    JsonNode time = entry.path("time");
    if (!time.isNumber()) {
      throw new ReplayFormatException(file, line, "field 'time' (epoch seconds) is missing or not a number", null);
    }
    Integer pullRequest = null;
    if (changeKind == ChangeKind.PULL_REQUEST) {
      JsonNode number = entry.path("number");
      if (!number.isIntegralNumber() || !number.canConvertToInt()) {
        throw new ReplayFormatException(file, line,
            "field 'number' (pull request number) is missing or not an integer", null);
      }
      pullRequest = number.intValue();
    }
    return ChangeRequested.newBuilder()
        .setChangeId(ChangeIds.of(repo, ref, pullRequest, base, head))
        .setRepo(repo)
        .setKind(changeKind)
        .setRef(ref)
        .setBase(base)
        .setHead(head)
        .setSource(SOURCE)
        .setRequestedAt(time.isIntegralNumber() ? Instant.ofEpochSecond(time.longValue())
            : Instant.ofEpochMilli(Math.round(time.doubleValue() * 1000)))
        .setDeliveryId(null)
        .setPullRequest(pullRequest)
        .build();
  }

  private static JsonNode parse(Path file, int line, String text) {
    JsonNode entry;
    try {
      entry = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ReplayFormatException(file, line, "not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (entry == null || !entry.isObject()) {
      throw new ReplayFormatException(file, line, "expected a JSON object per line", null);
    }
    return entry;
  }

  private static String text(Path file, int line, JsonNode entry, String field) {
    JsonNode value = entry.path(field);
    if (!value.isTextual() || value.textValue().isBlank()) {
      throw new ReplayFormatException(file, line, "field '" + field + "' is missing or not a string", null);
    }
    return value.textValue();
  }
}
