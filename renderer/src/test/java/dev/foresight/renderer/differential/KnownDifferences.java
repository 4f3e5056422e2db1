package dev.foresight.renderer.differential;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The documented differences between the native engine and kubectl that {@link DifferentialIT}
 * tolerates: {@code differential/known-differences.tsv}, one line per directory key,
 * {@code key<TAB>reason<TAB>issue}. An entry that no longer differs fails the test, so the list
 * only shrinks when the difference is fixed and the line removed.
 */
final class KnownDifferences {

  static final String RESOURCE = "/differential/known-differences.tsv";

  private final Map<String, String> reasons;

  private KnownDifferences(Map<String, String> reasons) {
    this.reasons = reasons;
  }

  static KnownDifferences load() throws IOException {
    Map<String, String> reasons = new LinkedHashMap<>();
    try (InputStream in = KnownDifferences.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException(RESOURCE + " is missing from the test resources");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      int number = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        number++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split("\t");
        if (fields.length != 3 || fields[1].isBlank() || fields[2].isBlank()) {
          throw new IOException(RESOURCE + ":" + number + ": expected key<TAB>reason<TAB>issue, got '" + line + "'");
        }
        if (reasons.put(fields[0], fields[1] + " (" + fields[2] + ")") != null) {
          throw new IOException(RESOURCE + ":" + number + ": '" + fields[0] + "' is listed twice");
        }
      }
    }
    return new KnownDifferences(reasons);
  }

  Map<String, String> entries() {
    return reasons;
  }

  boolean contains(String key) {
    return reasons.containsKey(key);
  }

  String reason(String key) {
    return reasons.get(key);
  }
}
