package dev.holdfast.orchestrator.cli;

import java.time.Duration;
import java.util.Locale;

/** Formats sizes, rates and durations for people; JSON output keeps the raw numbers. */
final class Units {
    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Units() {
    }

    /** Formats a size with a binary unit, such as 1.5 GiB; sizes under 1 KiB stay exact. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < BINARY.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, BINARY[unit]);
    }

    /** Formats a duration as h:mm:ss, or m:ss under an hour. */
    static String duration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        long hours = seconds / 3600;
        long minutes = seconds / 60 % 60;
        if (hours > 0) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", minutes, seconds % 60);
    }

    /** Formats a rate such as 45.3 MiB/s from bytes done in a duration. */
    static String rate(long bytes, Duration elapsed) {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? "-" : bytes((long) (bytes / seconds)) + "/s";
    }

    /** Returns a noun with "s" appended unless the count is exactly one. */
    static String plural(long count, String noun) {
        return plural(count, noun, noun + "s");
    }

    static String plural(long count, String singular, String plural) {
        return count + " " + (count == 1 ? singular : plural);
    }
}
