package dev.foresight.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What Avro 1.12.1's trusted packages (CVE-2024-47561) do, and why Foresight sets none.
 *
 * <p>{@code org.apache.avro.SERIALIZABLE_PACKAGES} is read once, when {@link SpecificDatumReader}
 * is initialised (every generated class does that when it loads), and it is checked only on
 * Avro's slow read path; the default fast path ({@code org.apache.avro.fastread=true}) loads a
 * {@code java-class} without looking at it. So the property protects nothing here. What does: our
 * schemas name no Java class, and {@link AvroSerde} resolves only writer schemas it bundles (an
 * unknown fingerprint is refused, see {@code AvroSerdeTest.unknownSchemaIsAClearError}).
 *
 * <p>Nothing here depends on test order: the static list is read after forcing its
 * initialisation, and the one test that sets the property restores it.
 */
class TrustedPackagesTest {

  private static final String PROPERTY = "org.apache.avro.SERIALIZABLE_PACKAGES";
  private static final Set<String> CLASS_PROPS = Set.of("java-class", "java-key-class", "java-element-class");

  /** A record whose string field asks to be read as a java.io.File: the kind of schema the CVE is about. */
  private static final Schema PROBE = new Schema.Parser().parse("""
      {"type": "record", "name": "Probe", "namespace": "probe", "fields": [
        {"name": "f", "type": {"type": "string", "avro.java.string": "String", "java-class": "java.io.File"}}]}""");

  static List<Schema> everySchema() {
    List<Schema> schemas = new ArrayList<>();
    for (Class<?> type : SchemaHistoryTest.records()) {
      schemas.add(SpecificData.get().getSchema(type));
      schemas.addAll(AvroSerde.history(type));
    }
    return schemas;
  }

  @ParameterizedTest
  @MethodSource("everySchema")
  void noSchemaOfOursNamesAJavaClass(Schema schema) {
    List<String> found = new ArrayList<>();
    collectClassProps(schema, schema.getName(), found, new IdentityHashMap<>());
    assertEquals(List.of(), found, "a schema names a Java class; Avro 1.12.1 would load it unchecked on its"
        + " default read path. Use a logical type instead, or see schemas/README.md");
  }

  @Test
  void ourRecordsDecodeWithNoPackageTrusted() {
    assertEquals(List.of(), List.of(SpecificDatumReader.SERIALIZABLE_PACKAGES),
        "this JVM trusts packages (" + PROPERTY + "); Foresight needs none");
    for (SpecificRecord record : AvroSerdeTest.everyRecordType()) {
      @SuppressWarnings({"unchecked", "rawtypes"})
      AvroSerde<SpecificRecord> serde = new AvroSerde(record.getClass());
      assertEquals(record, serde.decode(serde.encode(record)), record.getClass().getSimpleName());
    }
  }

  @Test
  void thePropertySetAfterAvroIsLoadedIsIgnored() {
    List<String> atLoad = List.of(SpecificDatumReader.SERIALIZABLE_PACKAGES); // initialises the reader class
    String before = System.getProperty(PROPERTY);
    try {
      System.setProperty(PROPERTY, "java.io");
      assertEquals(atLoad, new SpecificDatumReader<>(PROBE).getTrustedPackages(),
          "trusted packages are fixed when Avro's reader class is initialised");
    } finally {
      if (before == null) {
        System.clearProperty(PROPERTY);
      } else {
        System.setProperty(PROPERTY, before);
      }
    }
  }

  @Test
  void theSlowReadPathRefusesAnUntrustedJavaClass() throws IOException {
    byte[] bytes = probeBytes();
    SecurityException refused = assertThrows(SecurityException.class, () -> read(slowReader(), bytes));
    assertTrue(refused.getMessage().contains("java.io.File"), refused.getMessage());

    // the same bytes are read once the package is trusted, so the refusal above is the trust check
    SpecificDatumReader<GenericRecord> trusting = slowReader();
    trusting.getTrustedPackages().add("java.io.");
    assertInstanceOf(File.class, read(trusting, bytes).get("f"));
  }

  @Test
  void theDefaultFastReadPathIgnoresTrustedPackagesInAvro1121() throws IOException {
    SpecificDatumReader<GenericRecord> reader = new SpecificDatumReader<>(PROBE);
    assertTrue(reader.getSpecificData().isFastReaderEnabled(), "org.apache.avro.fastread is off in this JVM");
    assertFalse(reader.getTrustedPackages().stream().anyMatch("java.io.File"::startsWith));
    assertInstanceOf(File.class, read(reader, probeBytes()).get("f"),
        "Avro's fast reader now checks trusted packages (AVRO-4189): update schemas/README.md and this test");
  }

  private static SpecificDatumReader<GenericRecord> slowReader() {
    SpecificData data = new SpecificData();
    data.setFastReaderEnabled(false);
    return new SpecificDatumReader<>(PROBE, PROBE, data);
  }

  private static byte[] probeBytes() throws IOException {
    GenericRecord probe = new GenericData.Record(PROBE);
    probe.put("f", "/etc/hostname");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(PROBE).write(probe, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private static GenericRecord read(SpecificDatumReader<GenericRecord> reader, byte[] bytes) throws IOException {
    return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
  }

  private static void collectClassProps(Schema schema, String path, List<String> found, Map<Schema, Boolean> seen) {
    if (seen.put(schema, true) != null) {
      return;
    }
    schema.getObjectProps().keySet().stream().filter(CLASS_PROPS::contains).forEach(p -> found.add(path + " " + p));
    switch (schema.getType()) {
      case RECORD -> schema.getFields().forEach(field -> {
        field.getObjectProps().keySet().stream().filter(CLASS_PROPS::contains)
            .forEach(p -> found.add(path + "." + field.name() + " " + p));
        collectClassProps(field.schema(), path + "." + field.name(), found, seen);
      });
      case UNION -> schema.getTypes().forEach(branch -> collectClassProps(branch, path, found, seen));
      case ARRAY -> collectClassProps(schema.getElementType(), path + "[]", found, seen);
      case MAP -> collectClassProps(schema.getValueType(), path + "{}", found, seen);
      default -> { }
    }
  }
}
