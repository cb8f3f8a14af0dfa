package dev.holdfast.repository.lock;

/**
 * The content of a lock object. Field names are part of the format (CBOR map keys).
 *
 * @param host host name of the holder
 * @param pid process ID of the holder
 * @param user OS user of the holder
 * @param operation what the holder does, such as "backup"
 * @param exclusive whether the lock excludes every other lock
 * @param created when the lock was first taken (ISO-8601)
 * @param heartbeat when the holder last renewed it (ISO-8601)
 */
public record LockInfo(String host, long pid, String user, String operation, boolean exclusive,
        String created, String heartbeat) {

    String describe() {
        return operation + " by " + user + "@" + host + " (process " + pid + "), started " + created
                + ", last heartbeat " + heartbeat;
    }
}
