package dev.foresight.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

  static final Instant T = Instant.parse("2026-11-25T08:00:00Z");

  static ChangeRequested change() {
    return ChangeRequested.newBuilder().setChangeId("c0ffee").setRepo("https://git.example/infra.git")
        .setKind(ChangeKind.PROMOTION).setRef("refs/heads/staging").setBase("a".repeat(40))
        .setHead("b".repeat(40)).setSource("replay").setRequestedAt(T).setDeliveryId("d-1")
        .setPullRequest(42).build();
  }

  static RenderResult result() {
    return RenderResult.newBuilder().setChangeId("c0ffee").setProfile("staging").setKustomization("apps")
        .setNamespace("flux-system").setStatus(RenderStatus.OK)
        .setBase(RenderedSide.newBuilder().setPath("apps/overlays/staging").setContent("kind: A\n").setObjects(1).build())
        .setHead(null).setEngine("exec:kubectl").setDurationMs(12).build();
  }

  static List<SpecificRecord> everyRecordType() {
    ChangeRequested change = change();
    PlannedPair pair = PlannedPair.newBuilder().setProfile("staging").setKustomization("apps")
        .setNamespace("flux-system").setPath("apps/overlays/staging").setAction(PairAction.RENDER).build();
    RenderPlan plan = RenderPlan.newBuilder().setChangeId("c0ffee").setChange(change).setPairs(List.of(pair))
        .setPlannedAt(T).build();
    DiffStats stats = DiffStats.newBuilder().setLinesAdded(3).setObjectsChanged(1).build();
    KustomizationReport ks = KustomizationReport.newBuilder().setName("apps").setNamespace("flux-system")
        .setPath("apps/overlays/staging").setStatus(KustomizationStatus.OK).setStats(stats).setDiff("+x\n")
        .setObjects(List.of(ObjectDiff.newBuilder().setApiVersion("v1").setKind("ConfigMap").setNamespace("a")
            .setName("b").setChange(ObjectChange.CHANGED).setDiff("+x\n").build())).build();
    Report report = Report.newBuilder().setChangeId("c0ffee").setTarget("refs/heads/staging").setChange(change)
        .setProfiles(List.of(ProfileReport.newBuilder().setName("staging").setKustomizations(List.of(ks)).build()))
        .setStats(stats).setCreatedAt(T).build();
    return List.of(change, plan,
        RenderJob.newBuilder().setChangeId("c0ffee").setChange(change).setProfile("staging")
            .setKustomization("apps").setNamespace("flux-system").build(),
        result(), report,
        Publication.newBuilder().setChangeId("c0ffee").setTarget("refs/heads/staging").setSink("archive")
            .setLocation("/tmp/x.md").setPublishedAt(T).build(),
        DeadLetter.newBuilder().setStage("renderer").setTopic("foresight.changes.v1").setPartition(2).setOffset(7)
            .setKey(ByteBuffer.wrap(new byte[] {1})).setValue(ByteBuffer.wrap(new byte[] {2, 3}))
            .setReason("broken").setFailedAt(T).build(),
        ChangeProgress.newBuilder().setPlan(plan).setResults(List.of(result())).setFirstSeenAt(T).build());
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void everyRecordTypeRoundTrips() {
    for (SpecificRecord record : everyRecordType()) {
      AvroSerde serde = new AvroSerde(record.getClass());
      byte[] bytes = serde.serializer().serialize("t", record);
      assertEquals((byte) 0xC3, bytes[0], "single-object encoding marker");
      assertEquals((byte) 0x01, bytes[1], "single-object encoding marker");
      assertEquals(record, serde.deserializer().deserialize("t", bytes), record.getClass().getSimpleName());
    }
  }

  @Test
  void topicsCarryTheirSerdes() {
    byte[] bytes = Topics.CHANGES.valueSerde().encode(change());
    assertEquals(change(), Topics.CHANGES.valueSerde().decode(bytes));
    assertNull(Topics.CHANGES.valueSerde().deserializer().deserialize("t", null));
  }

  @Test
  void dataWrittenWithTheFirstChangeRequestedSchemaIsReadByTheCurrentReader() throws IOException {
    Schema v1 = AvroSerde.history(ChangeRequested.class).get(0);
    GenericRecord old = new GenericData.Record(v1);
    old.put("changeId", "old1");
    old.put("repo", "/srv/infra");
    old.put("kind", new GenericData.EnumSymbol(v1.getField("kind").schema(), "PUSH"));
    old.put("ref", "refs/heads/master");
    old.put("base", "1".repeat(40));
    old.put("head", "2".repeat(40));
    old.put("source", "replay");
    old.put("requestedAt", T.toEpochMilli());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old, out);

    ChangeRequested read = Topics.CHANGES.valueSerde().decode(out.toByteArray());

    assertEquals("old1", read.getChangeId());
    assertEquals(ChangeKind.PUSH, read.getKind());
    assertEquals(T, read.getRequestedAt());
    assertNull(read.getDeliveryId(), "field added in v2 takes its default");
    assertNull(read.getPullRequest(), "field added in v2 takes its default");
  }

  @Test
  void unknownSchemaIsAClearError() {
    byte[] bytes = Topics.CHANGES.valueSerde().encode(change());
    bytes[5] ^= 0x55; // corrupt the fingerprint
    SerializationException e = assertThrows(SerializationException.class, () -> Topics.CHANGES.valueSerde().decode(bytes));
    assertEquals(true, e.getMessage().contains("ChangeRequested"), e.getMessage());
  }

  @Test
  void garbageIsRejected() {
    assertThrows(SerializationException.class, () -> Topics.REPORTS.valueSerde().decode(new byte[] {1, 2, 3}));
  }
}
