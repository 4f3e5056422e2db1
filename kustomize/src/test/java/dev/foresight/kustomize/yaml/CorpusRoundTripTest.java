package dev.foresight.kustomize.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Every document kubectl printed for the corpus must come back byte for byte after parse + emit. */
class CorpusRoundTripTest {

  static Path corpus() {
    // the build sets foresight.shared; else ../shared beside the project root (tests run in the module directory)
    return Path.of(System.getProperty("foresight.shared", "../../shared"), "kustomize-corpus", "cases");
  }

  /** kustomize's output split into documents, each with its trailing newline. */
  static List<String> documents(String output) {
    List<String> docs = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : output.split("(?<=\n)")) {
      if (line.equals("---\n")) {
        docs.add(current.toString());
        current.setLength(0);
      } else {
        current.append(line);
      }
    }
    if (current.length() > 0) {
      docs.add(current.toString());
    }
    return docs;
  }

  @Test
  void corpusOutputsRoundTrip() throws IOException {
    Path cases = corpus();
    Assumptions.assumeTrue(Files.isDirectory(cases), "no corpus at " + cases + "; skipping");
    List<Path> expected;
    try (Stream<Path> dirs = Files.list(cases)) {
      expected = dirs.map(d -> d.resolve("expected.yaml")).filter(Files::isRegularFile).sorted().toList();
    }
    int total = 0;
    int same = 0;
    List<String> failures = new ArrayList<>();
    for (Path file : expected) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      List<String> docs = documents(text);
      for (int i = 0; i < docs.size(); i++) {
        total++;
        String doc = docs.get(i);
        String where = cases.relativize(file) + "#" + i;
        try {
          List<Node> nodes = Yaml.parseAll(doc, where);
          String emitted = nodes.size() == 1 ? Yaml.emit(nodes.get(0)) : "<" + nodes.size() + " documents>";
          if (emitted.equals(doc)) {
            same++;
          } else {
            failures.add(where + "\n--- expected\n" + doc + "--- emitted\n" + emitted);
          }
        } catch (Exception e) {
          failures.add(where + ": " + e);
        }
      }
    }
    System.out.println("yaml round trip: " + same + "/" + total + " identical");
    failures.stream().limit(20).forEach(f -> System.out.println("FAIL " + f));
    assertEquals(total, same, failures.size() + " documents differ; first: " + (failures.isEmpty() ? "" : failures.get(0)));
  }
}
