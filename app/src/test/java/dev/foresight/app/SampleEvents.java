package dev.foresight.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.app.sample.SampleRepository;
import dev.foresight.schema.ChangeIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sample repository's ref updates as a replay file, in the JSON-lines format of
 * {@code gitops-repo-gen.py}'s {@code pushes.jsonl}, for tests of {@code foresight replay}.
 */
public final class SampleEvents {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIME = 1_741_000_000L;

  private SampleEvents() {}

  /** Writes one line per ref update of {@code sample} to {@code file}; returns {@code file}. */
  public static Path write(SampleRepository.Sample sample, Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    long time = TIME;
    for (SampleRepository.RefUpdate update : sample.refUpdates()) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("kind", update.kind());
      line.put("ref", update.ref());
      line.put("before", update.before());
      line.put("after", update.after());
      line.put("time", time += 60);
      line.put("pusher", "sample");
      lines.add(JSON.writeValueAsString(line));
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
    return file;
  }

  /** The change id {@code foresight replay} gives {@code update} of the repository at {@code repo}. */
  public static String changeId(Path repo, SampleRepository.RefUpdate update) {
    return ChangeIds.of(repo.toAbsolutePath().normalize().toString(), update.ref(), update.before(), update.after());
  }
}
