package dev.holdfast.orchestrator.config;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations written in configuration files as a whole number and a unit: {@code 500ms},
 * {@code 10s}, {@code 5m}, {@code 12h} or {@code 30d}, where a day is 24 hours.
 */
public final class Durations {
    /** The form that every duration error names, so that all of them read alike. */
    static final String EXPECTED =
            "expected a whole number with a unit such as 500ms, 10s, 5m, 12h or 30d";

    private static final Pattern FORM = Pattern.compile("([0-9]+) ?(ms|s|m|h|d)");
    private static final Map<String, Duration> UNITS = Map.of(
            "ms", Duration.ofMillis(1), "s", Duration.ofSeconds(1), "m", Duration.ofMinutes(1),
            "h", Duration.ofHours(1), "d", Duration.ofDays(1));

    private Durations() {
    }

    /** @throws IllegalArgumentException naming the text and the expected form */
    public static Duration parse(String text) {
        Matcher matcher = FORM.matcher(text.strip());
        if (!matcher.matches()) {
            throw invalid(text);
        }
        try {
            long number = Long.parseLong(matcher.group(1));
            return UNITS.get(matcher.group(2)).multipliedBy(number);
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid(text);
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid duration \"" + text + "\": " + EXPECTED);
    }
}
