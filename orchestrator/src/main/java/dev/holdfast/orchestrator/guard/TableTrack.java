package dev.holdfast.orchestrator.guard;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The history of one table that the window needs: the newest point, and the points that can
 * still be the largest live count within the window. A point followed by a newer one with as
 * many rows or more can never be that maximum again, so it is dropped at once, and the deque
 * stays sorted by time with falling row counts. Its size is bounded by the readings in the
 * window and is one while the table only grows.
 */
final class TableTrack {
    private final Deque<Point> maxima = new ArrayDeque<>();
    private Point last;
    /** Points before this time belong to statistics that were reset since. */
    private Instant epoch = Instant.MIN;

    void add(Point point) {
        last = point;
        if (!point.knownRows()) {
            return;
        }
        while (!maxima.isEmpty() && maxima.peekLast().liveRows() <= point.liveRows()) {
            maxima.pollLast();
        }
        maxima.addLast(point);
    }

    /** Drops the points taken before {@code start}. */
    void evictBefore(Instant start) {
        while (!maxima.isEmpty() && maxima.peekFirst().time().isBefore(start)) {
            maxima.pollFirst();
        }
    }

    /** Returns the point with the most live rows since the last eviction, or null. */
    Point peak() {
        return maxima.peekFirst();
    }

    Point last() {
        return last;
    }

    Instant epoch() {
        return epoch;
    }

    /** Starts over at {@code point}, after the engine's statistics were reset. */
    void restart(Point point) {
        maxima.clear();
        epoch = point.time();
        add(point);
    }

    /** Keeps only the newest point, after a detection accepted the table's current state. */
    void keepLast() {
        maxima.clear();
        if (last != null) {
            add(last);
        }
    }

    int size() {
        return maxima.size();
    }
}
