package dev.holdfast.repository;

import java.util.List;

/**
 * Request to back up byte streams, such as database dumps, into one snapshot. The snapshot's
 * root holds one folder named {@code folder} with one regular file per stream, at the path
 * that the stream names. Streams are read one after another, each straight into the chunker,
 * so nothing is copied to a temporary file and memory stays bounded whatever their length.
 *
 * @param label the snapshot's one recorded source path, such as {@code postgresql:orders};
 *     the newest snapshot with the same label and host is recorded as the parent
 * @param folder name of the snapshot's top folder: one path element without '/'
 * @param host host name recorded in the snapshot
 * @param tags labels recorded in the snapshot
 * @param files the streams, with distinct names
 */
public record StreamBackupRequest(String label, String folder, String host, List<String> tags,
        List<StreamFile> files) {
    public StreamBackupRequest {
        tags = tags == null ? List.of() : List.copyOf(tags);
        files = List.copyOf(files);
    }
}
