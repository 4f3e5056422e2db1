package dev.foresight.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a generated Avro record, using Avro single-object encoding
 * (marker C3 01, 8-byte schema fingerprint, binary body).
 *
 * <p>The decoder knows the current schema and every released writer schema bundled under
 * {@code dev/foresight/schema/history/<Record>/v<N>.avsc}, so records written by any earlier
 * release are read with the current classes (Avro schema resolution fills added fields with their
 * defaults).
 *
 * <p>No Avro trusted-package setting ({@code org.apache.avro.SERIALIZABLE_PACKAGES}) is needed:
 * our schemas name no {@code java-class}; see schemas/README.md and {@code TrustedPackagesTest}.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

  private final Class<T> type;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  public AvroSerde(Class<T> type) {
    this.type = type;
    SpecificData model = SpecificData.getForClass(type);
    Schema schema = model.getSchema(type);
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    this.decoder = new BinaryMessageDecoder<>(model, schema);
    for (Schema old : history(type)) {
      decoder.addSchema(old);
    }
  }

  /** Every released writer schema of {@code type}, oldest first. */
  public static List<Schema> history(Class<?> type) {
    List<Schema> schemas = new ArrayList<>();
    for (int version = 1; ; version++) {
      String resource = historyResource(type, version);
      try (InputStream in = AvroSerde.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          return schemas;
        }
        schemas.add(new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read bundled schema " + resource, e);
      }
    }
  }

  static String historyResource(Class<?> type, int version) {
    return "dev/foresight/schema/history/" + type.getSimpleName() + "/v" + version + ".avsc";
  }

  public byte[] encode(T value) {
    try {
      ByteBuffer buffer = encoder.encode(value);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new SerializationException("cannot encode " + type.getSimpleName(), e);
    }
  }

  public T decode(byte[] bytes) {
    try {
      return decoder.decode(bytes);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "cannot decode " + type.getSimpleName() + " (" + bytes.length + " bytes): " + e.getMessage(), e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> value == null ? null : encode(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> bytes == null ? null : decode(bytes);
  }

  public Class<T> type() {
    return type;
  }
}
