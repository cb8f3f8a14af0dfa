package dev.holdfast.repository.engine;

import dev.holdfast.repository.Progress;

/** Keeps the last progress update, which a finished operation reports with its totals. */
final class FinalProgress implements Progress {
    private volatile long bytesDone = -1;
    private volatile long bytesTotal = -1;

    @Override
    public synchronized void update(long filesDone, long bytesDone, long filesTotal,
            long bytesTotal) {
        this.bytesDone = bytesDone;
        this.bytesTotal = bytesTotal;
    }

    long bytesDone() {
        return bytesDone;
    }

    long bytesTotal() {
        return bytesTotal;
    }
}
