package dev.holdfast.orchestrator.database;

import java.io.IOException;
import java.io.InputStream;

/**
 * The standard output of a client tool, read directly without a temporary copy. Closing it
 * waits for the tool and fails when the tool failed or when the stream was closed before its
 * end, in which case it ends the tool first.
 */
final class ToolOutputStream extends InputStream {
    /** Work to do once the tool has ended, successfully or not. */
    interface AfterExit {
        void run() throws IOException;
    }

    private final ToolProcess tool;
    private final InputStream output;
    private final AfterExit afterExit;
    private boolean ended;
    private boolean closed;

    ToolOutputStream(ToolProcess tool, AfterExit afterExit) {
        this.tool = tool;
        this.output = tool.stdout();
        this.afterExit = afterExit;
    }

    @Override
    public int read() throws IOException {
        int b = output.read();
        ended |= b < 0;
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int count = output.read(buffer, offset, length);
        ended |= count < 0;
        return count;
    }

    @Override
    public int available() throws IOException {
        return output.available();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException failure = null;
        try {
            finish();
        } catch (IOException e) {
            failure = e;
        }
        try {
            afterExit.run();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void finish() throws IOException {
        if (!ended) {
            tool.kill();
        }
        output.close();
        int status = tool.await();
        if (!ended) {
            throw tool.failure("its output was closed before the end, so it was stopped; "
                    + "exit status " + status);
        }
        if (status != 0) {
            throw tool.failure("exit status " + status);
        }
    }
}
