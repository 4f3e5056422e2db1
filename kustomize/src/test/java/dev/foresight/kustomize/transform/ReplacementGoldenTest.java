package dev.foresight.kustomize.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.kustomize.DirectoryFileTree;
import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.Kustomizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The cases under src/test/resources/replacement-golden: one per replacement option (source
 * fieldPath/delimiter/index, target select/reject/labelSelector/annotationSelector, fieldPaths
 * with indexes, {@code *}, {@code [k=regex]}, create, path files) and per error kustomize raises,
 * plus var binding; outputs byte-identical to kubectl kustomize.
 */
class ReplacementGoldenTest {

  @TestFactory
  Stream<DynamicTest> golden() throws Exception {
    Path root = Path.of("src/test/resources/replacement-golden");
    List<Path> cases;
    try (Stream<Path> list = Files.list(root)) {
      cases = list.filter(Files::isDirectory).sorted().toList();
    }
    return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
      DirectoryFileTree tree = new DirectoryFileTree(dir.resolve("input"));
      Path error = dir.resolve("expected.error.txt");
      if (Files.exists(error)) {
        String want = Files.readString(error).strip();
        KustomizeException e = assertThrows(KustomizeException.class, () -> Kustomizer.buildYaml(tree, "."));
        assertTrue(e.getMessage().contains(want), "message '" + e.getMessage() + "' lacks '" + want + "'");
      } else {
        assertEquals(Files.readString(dir.resolve("expected.yaml")), Kustomizer.buildYaml(tree, "."));
      }
    }));
  }
}
