package dev.holdfast.orchestrator.database;

import java.util.Arrays;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Removes passwords from text that a client tool or a server wrote, before it is shown. */
final class Scrubber {
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?i)(password|passwd|pwd)(\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|\\S+)");
    private static final String MASK = "***";

    private Scrubber() {
    }

    /**
     * Returns {@code text} with the password and anything written as {@code password=value}
     * replaced by {@code ***}.
     */
    static String scrub(String text, Supplier<char[]> password) {
        char[] secret = password.get();
        try {
            String result = text;
            if (secret.length > 0) {
                result = result.replace(new String(secret), MASK);
            }
            return ASSIGNMENT.matcher(result).replaceAll("$1$2" + MASK);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }
}
