package dev.foresight.app.pipeline;

import dev.foresight.app.Cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.app.SampleEvents;
import dev.foresight.app.sample.SampleRepository;
import dev.foresight.app.sample.SampleRepository.RefUpdate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code foresight replay --events FILE --bootstrap-servers B --wait S} as a user runs it (the
 * picocli entry point, in this JVM) against an in-JVM broker with all four stages running: every
 * line of the file becomes one report in the stages' archive, for the ref update of that line.
 */
class ReplayCommandIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void everyLineOfTheFileBecomesOneArchivedReportOfItsChange() throws Exception {
    SampleRepository.Sample sample = SampleRepository.create(dir.resolve("sample"));
    Path events = SampleEvents.write(sample, dir.resolve("pushes.jsonl"));
    Map<String, RefUpdate> expected = new LinkedHashMap<>();
    sample.refUpdates().forEach(u -> expected.put(SampleEvents.changeId(sample.path(), u), u));
    assertEquals(5, expected.size(), "the sample's five ref updates are five changes");

    String out;
    try (InJvmPipeline pipeline = InJvmPipeline.start(dir.resolve("pipeline"))) {
      Cli.Run run = Cli.run("replay", "--events", events.toString(), "--repo", sample.path().toString(),
          "--bootstrap-servers", pipeline.bootstrapServers(), "--wait", "60");
      out = run.out();
      assertEquals(0, run.exitCode(), run.printed());
    }
    assertTrue(out.contains("5 change(s) sent to "), out);

    Path archive = dir.resolve("pipeline/data/archive");
    List<Path> reports;
    try (Stream<Path> files = Files.walk(archive)) {
      reports = files.filter(f -> f.getFileName().toString().endsWith(".json")
          && !f.getFileName().toString().endsWith(".slack.json")).sorted().toList();
    }
    assertEquals(expected.size(), reports.size(), "one JSON report per replayed line in " + archive + ": " + reports);
    for (Path report : reports) {
      String id = report.getFileName().toString().replaceAll("\\.json$", "");
      RefUpdate update = expected.get(id);
      assertTrue(update != null, report + " is not the report of a replayed line (" + expected.keySet() + ")");
      JsonNode change = JSON.readTree(report.toFile()).path("change");
      assertEquals(update.ref(), change.path("ref").textValue(), report.toString());
      assertEquals(update.before(), change.path("base").textValue(), report.toString());
      assertEquals(update.after(), change.path("head").textValue(), report.toString());
      assertEquals(update.kind(), change.path("kind").textValue(), report.toString());
      assertNull(JSON.readTree(report.toFile()).path("error").textValue(), report.toString());
      assertTrue(out.contains(report.resolveSibling(id + ".md").toString()), "replay prints where " + id + " is:\n" + out);
    }
  }
}
