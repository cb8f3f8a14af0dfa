package dev.holdfast.scheduler;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Makes the instance ids that tell the nodes of a cluster apart. */
final class NodeIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private NodeIds() {
    }

    /**
     * Returns an id such as {@code backup-1-4711-9f3a}: host name, process id and a random
     * part. The random part keeps ids apart where containers share a host name and process id.
     * Quartz requires an id unique among the live nodes, and a restarted process gets a new
     * one, so the nodes recover what the old process left running.
     */
    static String create() {
        byte[] random = new byte[2];
        RANDOM.nextBytes(random);
        return hostName() + "-" + ProcessHandle.current().pid() + "-"
                + HexFormat.of().formatHex(random);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
