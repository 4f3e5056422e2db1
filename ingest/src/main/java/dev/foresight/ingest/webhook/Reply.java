package dev.foresight.ingest.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer: status and a small JSON object. */
record Reply(int status, Map<String, Object> body) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Reply status(int status, String state, Object... fields) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", state);
    for (int i = 0; i + 1 < fields.length; i += 2) {
      if (fields[i + 1] != null) {
        body.put((String) fields[i], fields[i + 1]);
      }
    }
    return new Reply(status, body);
  }

  static Reply error(int status, String message) {
    return status(status, "error", "error", message);
  }

  byte[] bytes() {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      return ("{\"status\":\"error\"}").getBytes(StandardCharsets.UTF_8);
    }
  }

  /** One word for the log line: accepted, ignored, error text ... */
  String summary() {
    Object error = body.get("error");
    Object reason = body.get("reason");
    return status + " " + body.get("status") + (error != null ? ": " + error : reason != null ? ": " + reason : "");
  }
}
