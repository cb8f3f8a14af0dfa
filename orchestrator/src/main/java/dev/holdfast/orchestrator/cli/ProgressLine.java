package dev.holdfast.orchestrator.cli;

import dev.holdfast.repository.Progress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows the progress of a long operation as one line on the terminal, redrawn four times a
 * second from a timer thread, so that a backup of many small files does not spend its time
 * printing. Without a terminal it only passes warnings on to the printer.
 */
final class ProgressLine implements Progress, AutoCloseable {
    private static final long REDRAW_MILLIS = 250;

    /** Counts of the latest update; totals are -1 while unknown. */
    record Counts(long filesDone, long bytesDone, long filesTotal, long bytesTotal) {
    }

    private final Printer printer;
    private final String items;
    private final int columns;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService timer;
    private volatile Counts counts = new Counts(0, 0, -1, -1);

    private ProgressLine(Printer printer, String items, int columns, boolean draw) {
        this.printer = printer;
        this.items = items;
        this.columns = columns;
        this.timer = draw ? Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("holdfast-progress").factory()) : null;
        if (timer != null) {
            timer.scheduleAtFixedRate(this::draw, REDRAW_MILLIS, REDRAW_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Draws progress on the terminal unless there is none or the printer is quiet.
     *
     * @param items what the counts count, such as "files"
     */
    static ProgressLine start(Printer printer, Terminal terminal, String items) {
        boolean draw = terminal != null && !printer.quiet();
        return new ProgressLine(printer, items, draw ? terminal.columns() : 0, draw);
    }

    @Override
    public void update(long filesDone, long bytesDone, long filesTotal, long bytesTotal) {
        counts = new Counts(filesDone, bytesDone, filesTotal, bytesTotal);
    }

    @Override
    public void warning(String path, String message) {
        printer.warning(path + ": " + message);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            printer.clearStatus();
        }
    }

    private void draw() {
        String line = render(counts, items, Duration.ofNanos(System.nanoTime() - startNanos));
        printer.status(line.length() < columns ? line : line.substring(0, columns - 1));
    }

    /** Formats one progress line of files, such as {@code [0:12] 120 / 3000 files, ...}. */
    static String render(Counts counts, Duration elapsed) {
        return render(counts, "files", elapsed);
    }

    /** Formats one progress line that counts {@code items}. */
    static String render(Counts counts, String items, Duration elapsed) {
        StringBuilder line = new StringBuilder("[").append(Units.duration(elapsed)).append("] ");
        line.append(counts.filesDone());
        if (counts.filesTotal() >= 0) {
            line.append(" / ").append(counts.filesTotal());
        }
        line.append(' ').append(items).append(", ").append(Units.bytes(counts.bytesDone()));
        if (counts.bytesTotal() >= 0) {
            line.append(" / ").append(Units.bytes(counts.bytesTotal()));
        }
        line.append(", ").append(Units.rate(counts.bytesDone(), elapsed));
        Duration eta = eta(counts, elapsed);
        if (eta != null) {
            line.append(", ETA ").append(Units.duration(eta));
        }
        return line.toString();
    }

    /** Estimates the time left from the average rate so far, or null when it is unknown. */
    private static Duration eta(Counts counts, Duration elapsed) {
        long left = counts.bytesTotal() - counts.bytesDone();
        if (counts.bytesTotal() < 0 || counts.bytesDone() <= 0 || left < 0) {
            return null;
        }
        double nanosPerByte = (double) elapsed.toNanos() / counts.bytesDone();
        return Duration.ofNanos((long) (left * nanosPerByte));
    }
}
