package dev.holdfast.repository.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import dev.holdfast.crypto.Opener;
import dev.holdfast.crypto.Purpose;
import dev.holdfast.repository.FuzzSupport;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotReplicationFieldTest {
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());

    @Test
    void fullyReplicated_leavesKeyOut() throws Exception {
        JsonNode map = plaintext(snapshot(false));

        assertThat(map.has("underReplicated")).isFalse();
        assertThat(map.has("partial")).isTrue();
    }

    @Test
    void underReplicated_writesKeyAndReadsBack() throws Exception {
        Snapshot snapshot = snapshot(true);

        assertThat(plaintext(snapshot).get("underReplicated").asBoolean()).isTrue();
        assertThat(SnapshotCodec.open(FuzzSupport.KEYRING,
                SnapshotCodec.seal(FuzzSupport.KEYRING, snapshot)).underReplicated()).isTrue();
    }

    private static JsonNode plaintext(Snapshot snapshot) throws Exception {
        byte[] sealed = SnapshotCodec.seal(FuzzSupport.KEYRING, snapshot);
        return CBOR.readTree(Opener.openObject(FuzzSupport.KEYRING, Purpose.SNAPSHOT,
                new byte[0], sealed));
    }

    private static Snapshot snapshot(boolean underReplicated) {
        return new Snapshot(1, "2026-01-02T03:04:05Z", "host", "user", List.of("/src"),
                List.of(), null, new byte[32], 1, 2, false, List.of(), List.of(),
                underReplicated);
    }
}
