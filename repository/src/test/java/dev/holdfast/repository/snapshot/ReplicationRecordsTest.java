package dev.holdfast.repository.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.repository.FuzzSupport;
import dev.holdfast.repository.objects.Hex;
import dev.holdfast.repository.snapshot.ReplicationRecords.RecordFormatException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicationRecordsTest {
    private static final byte[] SNAPSHOT_ID = Hex.decode(
            "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

    @Test
    void sealAndOpen_roundTrip() throws Exception {
        ReplicationRecord record = new ReplicationRecord(1, SNAPSHOT_ID, "2026-03-04T05:06:07Z");

        ReplicationRecord opened = ReplicationRecords.open(FuzzSupport.KEYRING,
                ReplicationRecords.seal(FuzzSupport.KEYRING, record));

        assertThat(opened.snapshot()).isEqualTo(SNAPSHOT_ID);
        assertThat(opened.time()).isEqualTo("2026-03-04T05:06:07Z");
    }

    @Test
    void snapshotObject_doesNotOpenAsRecord() {
        Snapshot snapshot = new Snapshot(1, "2026-01-02T03:04:05Z", "host", "user",
                List.of("/src"), List.of(), null, new byte[32], 1, 2, false, List.of(),
                List.of(), true);
        byte[] sealed = SnapshotCodec.seal(FuzzSupport.KEYRING, snapshot);

        assertThatThrownBy(() -> ReplicationRecords.open(FuzzSupport.KEYRING, sealed))
                .isInstanceOf(RecordFormatException.class)
                .hasMessageStartingWith("replication record failed authentication");
    }

    @Test
    void record_doesNotOpenAsSnapshot() {
        byte[] sealed = ReplicationRecords.seal(FuzzSupport.KEYRING,
                new ReplicationRecord(1, SNAPSHOT_ID, "2026-03-04T05:06:07Z"));

        assertThatThrownBy(() -> SnapshotCodec.open(FuzzSupport.KEYRING, sealed))
                .isInstanceOf(SnapshotCodec.SnapshotFormatException.class)
                .hasMessageStartingWith("snapshot failed authentication");
    }

    @Test
    void decode_invalidFields_rejected() {
        String[][] cases = {
            {"version 2", "{\"v\":2,\"snapshot\":32,\"time\":\"2026-03-04T05:06:07Z\"}",
                "replication record version is not 1"},
            {"short snapshot ID", "{\"v\":1,\"snapshot\":31,\"time\":\"2026-03-04T05:06:07Z\"}",
                "replication record lacks a 32-byte snapshot ID"},
            {"time not an instant", "{\"v\":1,\"snapshot\":32,\"time\":\"yesterday\"}",
                "replication record time is not an ISO-8601 instant"},
            {"time missing", "{\"v\":1,\"snapshot\":32}",
                "replication record time is not an ISO-8601 instant"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> ReplicationRecords.decode(cbor(c[1])))
                    .as(c[0]).hasMessageStartingWith(c[2]);
        }
    }

    /** Encodes a JSON map as CBOR, with "snapshot": N standing for N zero bytes. */
    private static byte[] cbor(String json) throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var map = mapper.readValue(json, java.util.LinkedHashMap.class);
        if (map.get("snapshot") instanceof Integer length) {
            map.put("snapshot", new byte[length]);
        }
        return new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.cbor.CBORFactory()).writeValueAsBytes(map);
    }
}
