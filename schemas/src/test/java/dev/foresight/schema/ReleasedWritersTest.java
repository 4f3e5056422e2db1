package dev.foresight.schema;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Data written by every released schema of every record is read by the current classes through
 * {@link AvroSerde}: a fully populated datum of the old writer schema is single-object encoded
 * (as the old release did), decoded by the serde, and compared field by field. Fields both
 * schemas have keep their values, fields the writer lacked get their defaults, at every depth.
 *
 * <p>The released versions are listed from the source tree, not through {@link AvroSerde#history},
 * so a serde that stops registering a version fails here instead of shrinking the test.
 */
class ReleasedWritersTest {

  private static final Path HISTORY = Path.of("src/main/resources/dev/foresight/schema/history");
  private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.avsc");

  static Stream<Arguments> releasedWriters() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    for (Class<?> type : SchemaHistoryTest.records()) {
      Path dir = HISTORY.resolve(type.getSimpleName());
      List<Path> files;
      try (Stream<Path> list = Files.list(dir)) {
        files = list.filter(f -> VERSION.matcher(f.getFileName().toString()).matches())
            .sorted(Comparator.comparingInt(ReleasedWritersTest::version)).toList();
      }
      assertFalse(files.isEmpty(), "no released schema in " + dir);
      for (Path file : files) {
        cases.add(Arguments.of(type.getSimpleName(), version(file), type, file));
      }
    }
    return cases.stream();
  }

  private static int version(Path file) {
    Matcher m = VERSION.matcher(file.getFileName().toString());
    assertTrue(m.matches(), file.toString());
    return Integer.parseInt(m.group(1));
  }

  @ParameterizedTest(name = "{0} v{1}")
  @MethodSource("releasedWriters")
  @SuppressWarnings({"unchecked", "rawtypes"})
  void dataOfAReleasedWriterIsReadByTheCurrentClass(String name, int version, Class<?> type, Path file)
      throws IOException {
    Schema writer = new Schema.Parser().parse(Files.readString(file));
    GenericRecord written = (GenericRecord) new GenericDatums().of(writer);
    assertTrue(GenericData.get().validate(writer, written), "built datum fits " + file);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(written, out);
    byte[] bytes = out.toByteArray();

    Object read = new AvroSerde(type).decode(bytes);

    assertInstanceOf(type, read);
    Schema reader = ((SpecificRecord) read).getSchema();
    assertSurvived(writer, written, reader, read, name + " v" + version);
  }

  /** Compares a writer-side generic value with the value the current reader decoded from it. */
  private static void assertSurvived(Schema writer, Object written, Schema reader, Object read, String path) {
    if (writer.getType() == Schema.Type.UNION) {
      writer = writer.getTypes().get(GenericData.get().resolveUnion(writer, written));
    }
    if (reader.getType() == Schema.Type.UNION) {
      if (writer.getType() == Schema.Type.NULL) {
        assertNull(read, path);
        return;
      }
      reader = readerBranch(reader, writer, path);
    }
    switch (writer.getType()) {
      case NULL -> assertNull(read, path);
      case RECORD -> {
        assertNotNull(read, path);
        GenericRecord from = (GenericRecord) written;
        IndexedRecord to = (IndexedRecord) read;
        for (Schema.Field field : reader.getFields()) {
          Schema.Field old = writerField(writer, field);
          Object value = to.get(field.pos());
          if (old == null) {
            Object defaultValue = GenericData.get().getDefaultValue(field);
            assertSurvived(field.schema(), defaultValue, field.schema(), value, path + "." + field.name() + " (default)");
          } else {
            assertSurvived(old.schema(), from.get(old.pos()), field.schema(), value, path + "." + field.name());
          }
        }
      }
      case ARRAY -> {
        List<?> from = (List<?>) written;
        List<?> to = (List<?>) read;
        assertEquals(from.size(), to.size(), path + " size");
        for (int i = 0; i < from.size(); i++) {
          assertSurvived(writer.getElementType(), from.get(i), reader.getElementType(), to.get(i), path + "[" + i + "]");
        }
      }
      case MAP -> {
        Map<?, ?> from = (Map<?, ?>) written;
        Map<String, Object> to = new HashMap<>();
        ((Map<?, ?>) read).forEach((k, v) -> to.put(k.toString(), v));
        assertEquals(from.size(), to.size(), path + " size");
        for (Map.Entry<?, ?> entry : from.entrySet()) {
          String key = entry.getKey().toString();
          assertSurvived(writer.getValueType(), entry.getValue(), reader.getValueType(), to.get(key), path + "{" + key + "}");
        }
      }
      case ENUM -> assertEquals(written.toString(), String.valueOf(read), path);
      case FIXED -> assertArrayEquals(((GenericFixed) written).bytes(), ((GenericFixed) read).bytes(), path);
      default -> assertEquals(asReaderType(reader, written), asReaderType(reader, read), path);
    }
  }

  private static Schema readerBranch(Schema union, Schema writer, String path) {
    for (Schema branch : union.getTypes()) {
      if (branch.getType() == writer.getType()
          && (!isNamed(branch) || branch.getFullName().equals(writer.getFullName()))) {
        return branch;
      }
    }
    for (Schema branch : union.getTypes()) {
      if (SchemaCompatibility.checkReaderWriterCompatibility(branch, writer).getType()
          == SchemaCompatibilityType.COMPATIBLE) {
        return branch;
      }
    }
    return fail(path + ": no branch of " + union + " reads " + writer);
  }

  private static boolean isNamed(Schema schema) {
    return switch (schema.getType()) {
      case RECORD, ENUM, FIXED -> true;
      default -> false;
    };
  }

  private static Schema.Field writerField(Schema writer, Schema.Field field) {
    Schema.Field old = writer.getField(field.name());
    for (String alias : field.aliases()) {
      old = old != null ? old : writer.getField(alias);
    }
    return old;
  }

  /** A primitive as the reader's type holds it: promotions applied, logical values as their base. */
  private static Object asReaderType(Schema reader, Object value) {
    if (value instanceof Instant instant) {
      value = instant.toEpochMilli();
    }
    return switch (reader.getType()) {
      case INT -> ((Number) value).intValue();
      case LONG -> ((Number) value).longValue();
      case FLOAT -> ((Number) value).floatValue();
      case DOUBLE -> ((Number) value).doubleValue();
      case STRING -> value instanceof ByteBuffer b ? UTF_8.decode(b.duplicate()).toString() : value.toString();
      case BYTES -> value instanceof ByteBuffer b ? b.duplicate() : ByteBuffer.wrap(value.toString().getBytes(UTF_8));
      default -> value;
    };
  }
}
