package dev.foresight.schema;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * Builds a fully populated generic datum of any schema, deterministically: every union takes its
 * first non-null branch, every array and map gets two entries, and every leaf gets a distinct
 * value that is not the field's default (strings name their path, numbers count up, booleans are
 * true, timestamps are plausible instants). So a reader that drops or defaults a value is caught.
 */
final class GenericDatums {

  private static final int MAX_DEPTH = 24;
  private static final long T0 = Instant.parse("2025-03-01T09:30:00Z").toEpochMilli();

  private int counter;

  Object of(Schema schema) {
    return build(schema, schema.getName(), 0);
  }

  private Object build(Schema schema, String path, int depth) {
    switch (schema.getType()) {
      case RECORD: {
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
          record.put(field.pos(), build(field.schema(), path + "." + field.name(), depth + 1));
        }
        return record;
      }
      case UNION:
        for (Schema branch : schema.getTypes()) {
          if (branch.getType() != Schema.Type.NULL && depth < MAX_DEPTH) {
            return build(branch, path, depth);
          }
        }
        return null;
      case ARRAY: {
        List<Object> items = new ArrayList<>();
        for (int i = 0; depth < MAX_DEPTH && i < 2; i++) {
          items.add(build(schema.getElementType(), path + "[" + i + "]", depth + 1));
        }
        return new GenericData.Array<>(schema, items);
      }
      case MAP: {
        Map<String, Object> entries = new LinkedHashMap<>();
        for (int i = 0; depth < MAX_DEPTH && i < 2; i++) {
          entries.put(path + "#" + i, build(schema.getValueType(), path + "{" + i + "}", depth + 1));
        }
        return entries;
      }
      case ENUM: {
        List<String> symbols = schema.getEnumSymbols();
        return new GenericData.EnumSymbol(schema, symbols.get(++counter % symbols.size()));
      }
      case FIXED: {
        byte[] bytes = new byte[schema.getFixedSize()];
        for (int i = 0; i < bytes.length; i++) {
          bytes[i] = (byte) (++counter);
        }
        return new GenericData.Fixed(schema, bytes);
      }
      case STRING:
        return path + "-" + (++counter);
      case BYTES:
        return ByteBuffer.wrap((path + "-" + (++counter)).getBytes(UTF_8));
      case INT:
        return 100 + (++counter);
      case LONG:
        return schema.getLogicalType() instanceof LogicalTypes.TimestampMillis
            ? T0 + (++counter) * 60_000L
            : 10_000_000_000L + (++counter);
      case FLOAT:
        return 0.5f + (++counter);
      case DOUBLE:
        return 0.25 + (++counter);
      case BOOLEAN:
        return true;
      case NULL:
        return null;
      default:
        throw new IllegalArgumentException("no datum for " + schema.getType() + " at " + path);
    }
  }
}
