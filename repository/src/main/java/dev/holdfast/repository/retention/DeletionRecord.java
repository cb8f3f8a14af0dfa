package dev.holdfast.repository.retention;

/**
 * The content of a deletion record. Field names are part of the format (CBOR map keys).
 *
 * @param v format version, 1
 * @param snapshot the snapshot's ID (32 bytes)
 * @param action {@link #FORGET} or {@link #UNDELETE}
 * @param time when the action was taken, ISO-8601 UTC with nanoseconds
 * @param host host that wrote the record
 * @param user OS user that wrote it
 * @param reason why, as the operator gave it; may be empty
 */
public record DeletionRecord(int v, byte[] snapshot, String action, String time, String host,
        String user, String reason) {
    public static final String FORGET = "forget";
    public static final String UNDELETE = "undelete";

    public boolean isForget() {
        return FORGET.equals(action);
    }
}
