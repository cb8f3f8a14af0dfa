package dev.holdfast.orchestrator.config;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size in bytes, written in configuration files as a plain number or with a binary unit
 * such as {@code 512KiB}, {@code 16MiB} or {@code 1GiB}.
 *
 * @param bytes the size in bytes, never negative
 */
public record ByteSize(long bytes) {
    /** The form that every size error names, so that all of them read alike. */
    public static final String EXPECTED = "expected a number of bytes or a value such as 16MiB";

    private static final Pattern FORM = Pattern.compile("([0-9]+) ?(B|KiB|MiB|GiB|TiB)?");
    private static final Map<String, Long> UNITS = Map.of(
            "B", 1L, "KiB", 1L << 10, "MiB", 1L << 20, "GiB", 1L << 30, "TiB", 1L << 40);

    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("invalid size " + bytes + ": " + EXPECTED);
        }
    }

    /**
     * Parses a size such as {@code 4096}, {@code 512KiB} or {@code 16 MiB}. Units are the IEC
     * binary ones (B, KiB, MiB, GiB, TiB); decimal units such as MB are rejected because they
     * are ambiguous.
     *
     * @throws IllegalArgumentException naming the text and the expected form
     */
    public static ByteSize parse(String text) {
        Matcher matcher = FORM.matcher(text.strip());
        if (!matcher.matches()) {
            throw invalid(text);
        }
        String unit = matcher.group(2) == null ? "B" : matcher.group(2);
        try {
            long number = Long.parseLong(matcher.group(1));
            return new ByteSize(Math.multiplyExact(number, UNITS.get(unit)));
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid(text);
        }
    }

    /** Formats the size with the largest unit that divides it exactly, such as 16MiB. */
    @Override
    public String toString() {
        for (String unit : new String[] {"TiB", "GiB", "MiB", "KiB"}) {
            long factor = UNITS.get(unit);
            if (bytes >= factor && bytes % factor == 0) {
                return String.format(Locale.ROOT, "%d%s", bytes / factor, unit);
            }
        }
        return Long.toString(bytes);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid size \"" + text + "\": " + EXPECTED);
    }
}
