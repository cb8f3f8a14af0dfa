package dev.holdfast.repository.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import dev.holdfast.repository.FuzzSupport;
import dev.holdfast.repository.objects.Hex;
import dev.holdfast.repository.retention.DeletionRecords.RecordFormatException;
import dev.holdfast.repository.snapshot.ReplicationRecord;
import dev.holdfast.repository.snapshot.ReplicationRecords;
import dev.holdfast.repository.snapshot.Snapshot;
import dev.holdfast.repository.snapshot.SnapshotCodec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeletionRecordsTest {
    private static final byte[] SNAPSHOT_ID = Hex.decode(
            "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    private static final DeletionRecord FORGET = new DeletionRecord(1, SNAPSHOT_ID, "forget",
            "2026-03-04T05:06:07.000000001Z", "host", "alice", "monthly cleanup");

    @Test
    void sealAndOpen_roundTrip() throws Exception {
        DeletionRecord opened = DeletionRecords.open(FuzzSupport.KEYRING,
                DeletionRecords.seal(FuzzSupport.KEYRING, FORGET));

        assertThat(opened).usingRecursiveComparison().isEqualTo(FORGET);
    }

    @Test
    void format_alwaysNineFractionDigits() {
        assertThat(DeletionRecords.format(Instant.parse("2026-03-04T05:06:07Z")))
                .isEqualTo("2026-03-04T05:06:07.000000000Z");
        assertThat(DeletionRecords.format(Instant.parse("2026-03-04T05:06:07.5Z")))
                .isEqualTo("2026-03-04T05:06:07.500000000Z");
    }

    @Test
    void snapshotAndReplicationRecord_doNotOpenAsDeletionRecord() {
        Snapshot snapshot = new Snapshot(1, "2026-01-02T03:04:05Z", "host", "user",
                List.of("/src"), List.of(), null, new byte[32], 1, 2, false, List.of(),
                List.of());
        byte[] sealedSnapshot = SnapshotCodec.seal(FuzzSupport.KEYRING, snapshot);
        byte[] sealedReplication = ReplicationRecords.seal(FuzzSupport.KEYRING,
                new ReplicationRecord(1, SNAPSHOT_ID, "2026-03-04T05:06:07Z"));

        for (byte[] sealed : List.of(sealedSnapshot, sealedReplication)) {
            assertThatThrownBy(() -> DeletionRecords.open(FuzzSupport.KEYRING, sealed))
                    .isInstanceOf(RecordFormatException.class)
                    .hasMessageStartingWith("deletion record failed authentication");
        }
    }

    @Test
    void deletionRecord_doesNotOpenAsSnapshot() {
        byte[] sealed = DeletionRecords.seal(FuzzSupport.KEYRING, FORGET);

        assertThatThrownBy(() -> SnapshotCodec.open(FuzzSupport.KEYRING, sealed))
                .hasMessageStartingWith("snapshot failed authentication");
    }

    @Test
    void decode_invalidFields_rejected() {
        String time = "\"time\":\"2026-03-04T05:06:07Z\"";
        String[][] cases = {
            {"version 2", "{\"v\":2,\"snapshot\":32,\"action\":\"forget\"," + time + "}",
                "deletion record version is not 1"},
            {"short snapshot ID", "{\"v\":1,\"snapshot\":31,\"action\":\"forget\"," + time + "}",
                "deletion record lacks a 32-byte snapshot ID"},
            {"unknown action", "{\"v\":1,\"snapshot\":32,\"action\":\"remove\"," + time + "}",
                "deletion record action is neither"},
            {"action missing", "{\"v\":1,\"snapshot\":32," + time + "}",
                "deletion record action is neither"},
            {"time not an instant", "{\"v\":1,\"snapshot\":32,\"action\":\"undelete\","
                + "\"time\":\"yesterday\"}", "deletion record time is not an ISO-8601 instant"},
            {"time missing", "{\"v\":1,\"snapshot\":32,\"action\":\"undelete\"}",
                "deletion record time is not an ISO-8601 instant"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> DeletionRecords.decode(cbor(c[1])))
                    .as(c[0]).hasMessageStartingWith(c[2]);
        }
    }

    @Test
    void decode_unknownKey_ignored() throws Exception {
        DeletionRecord record = DeletionRecords.decode(cbor("{\"v\":1,\"snapshot\":32,"
                + "\"action\":\"forget\",\"time\":\"2026-03-04T05:06:07Z\",\"later\":true}"));

        assertThat(record.isForget()).isTrue();
        assertThat(record.host()).isNull();
    }

    /** Encodes a JSON map as CBOR, with "snapshot": N standing for N zero bytes. */
    @SuppressWarnings("unchecked")
    private static byte[] cbor(String json) throws Exception {
        var map = new ObjectMapper().readValue(json, LinkedHashMap.class);
        if (map.get("snapshot") instanceof Integer length) {
            map.put("snapshot", new byte[length]);
        }
        return new ObjectMapper(new CBORFactory()).writeValueAsBytes(map);
    }
}
