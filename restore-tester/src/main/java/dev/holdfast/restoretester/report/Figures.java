package dev.holdfast.restoretester.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formats the figures of a report for people: sizes, durations, rates and times. */
public final class Figures {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

    private Figures() {
    }

    /** Formats a byte count with binary units, such as {@code 1.5 MiB}. */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** Formats a rate, such as {@code 85.2 MiB/s}, or {@code -} when unknown. */
    public static String rate(long bytesPerSecond) {
        return bytesPerSecond <= 0 ? "-" : bytes(bytesPerSecond) + "/s";
    }

    /** Formats a duration in milliseconds, such as {@code 850 ms}, {@code 1 min 05 s}. */
    public static String millis(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return seconds(millis / 1000);
    }

    /** Formats a duration in seconds, such as {@code 42 s}, {@code 3 h 05 min}. */
    public static String seconds(long seconds) {
        if (seconds < 0) {
            return "-";
        }
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        if (seconds < 86_400) {
            return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600,
                    seconds % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%d d %d h", seconds / 86_400, seconds % 86_400 / 3600);
    }

    /** Formats an instant in {@code zone}, such as {@code 2025-03-01 04:30:00 UTC}. */
    public static String time(Instant instant, ZoneId zone) {
        return instant == null ? "-" : TIME.format(instant.atZone(zone));
    }
}
