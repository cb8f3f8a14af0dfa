package dev.holdfast.orchestrator.database;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A dump that, once half of it has been read, kills the child process of this JVM whose
 * program is {@code program} (found by PID among this JVM's descendants) and waits for it
 * to end, as when a restore tool dies halfway.
 */
final class KillingStream extends InputStream {
    private static final int CHUNK = 1024;

    private final ByteArrayInputStream data;
    private final int half;
    private final String program;
    private int read;
    private boolean killed;

    KillingStream(byte[] dump, String program) {
        this.data = new ByteArrayInputStream(dump);
        this.half = dump.length / 2;
        this.program = program;
    }

    boolean killed() {
        return killed;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (!killed && read >= half) {
            kill();
        }
        int count = data.read(buffer, offset, Math.min(length, CHUNK));
        read += Math.max(count, 0);
        return count;
    }

    private void kill() {
        List<ProcessHandle> tools = ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/" + program))
                        .orElse(false)).toList();
        if (tools.size() != 1) {
            throw new IllegalStateException("expected one running " + program + ", found "
                    + tools.size());
        }
        ProcessHandle tool = tools.getFirst();
        tool.destroyForcibly();
        tool.onExit().join();
        killed = true;
    }
}
