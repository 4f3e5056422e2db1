package dev.foresight.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every record type has its released schemas bundled; the newest equals the generated one, and
 * every earlier one can be read by the current reader. Run with {@code -Dgolden.update=true} to
 * add the current schema as a new version after changing the IDL.
 */
class SchemaHistoryTest {

  static List<Class<?>> records() {
    return List.of(ChangeRequested.class, RenderPlan.class, RenderJob.class, RenderResult.class,
        Report.class, Publication.class, DeadLetter.class, ChangeProgress.class);
  }

  @ParameterizedTest
  @MethodSource("records")
  void newestReleasedSchemaIsTheGeneratedOne(Class<?> type) throws IOException {
    Schema current = SpecificData.get().getSchema(type);
    List<Schema> history = AvroSerde.history(type);
    if (Boolean.getBoolean("golden.update")
        && (history.isEmpty() || !history.get(history.size() - 1).equals(current))) {
      Path file = Path.of("src/main/resources", AvroSerde.historyResource(type, history.size() + 1));
      Files.createDirectories(file.getParent());
      Files.writeString(file, current.toString(true) + "\n");
      history = List.of(current);
    }
    assertFalse(history.isEmpty(), "no released schema bundled for " + type.getSimpleName()
        + "; run mvn test -Dgolden.update=true in schemas/ to add one");
    assertEquals(current, history.get(history.size() - 1), type.getSimpleName()
        + " changed since its last released schema: add a version (mvn test -Dgolden.update=true)");
  }

  @ParameterizedTest
  @MethodSource("records")
  void currentReaderReadsEveryReleasedWriter(Class<?> type) {
    Schema reader = SpecificData.get().getSchema(type);
    for (Schema writer : AvroSerde.history(type)) {
      var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
      assertEquals(SchemaCompatibilityType.COMPATIBLE, result.getType(),
          type.getSimpleName() + ": " + result.getDescription());
    }
  }
}
