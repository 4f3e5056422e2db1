package dev.foresight.kustomize.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.foresight.kustomize.DirectoryFileTree;
import dev.foresight.kustomize.Kustomizer;
import dev.foresight.kustomize.resource.ResourceList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The cases under src/test/resources/golden (see its README). */
class GoldenTest {

  @TestFactory
  Stream<DynamicTest> golden() throws Exception {
    Path root = Path.of("src/test/resources/golden");
    boolean real = TestYaml.realYamlReady();
    List<Path> cases;
    try (Stream<Path> list = Files.list(root)) {
      cases = list.filter(Files::isDirectory).sorted().toList();
    }
    return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
      Matcher m = Pattern.compile("\"target\"\\s*:\\s*\"([^\"]*)\"").matcher(Files.readString(dir.resolve("case.json")));
      String target = m.find() ? m.group(1) : ".";
      String expected = Files.readString(dir.resolve("expected/expected.yaml"));
      DirectoryFileTree tree = new DirectoryFileTree(dir.resolve("input"));
      if (real) {
        assertEquals(expected, Kustomizer.buildYaml(tree, target));
      } else {
        ResourceList out = Build.run(tree, target, TestYaml.PARSER);
        assertEquals(TestYaml.semantic(TestYaml.parseAll(expected, "expected")), TestYaml.semantic(out));
      }
    }));
  }
}
