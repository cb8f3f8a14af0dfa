package dev.holdfast.restoretester.environment;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The OS locales that a database cluster may use. */
final class Locales {
    private Locales() {
    }

    /**
     * Returns {@code C.UTF-8} for a UTF-8 encoding when the OS has that locale (glibc 2.35 and
     * Debian's older glibc ship it), else {@code C}, which suits every encoding.
     */
    static String defaultFor(String encoding) {
        String normalized = encoding.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        if (normalized.equals("utf8") && installed().contains("c.utf8")) {
            return "C.UTF-8";
        }
        return "C";
    }

    /** Returns the installed locales from {@code locale -a}, lower case without dashes. */
    private static List<String> installed() {
        try {
            String output = Processes.run(List.of("locale", "-a"), Path.of("/"), Map.of(), null,
                    Duration.ofSeconds(30), List.of());
            return output.lines().map(line -> line.strip().toLowerCase(Locale.ROOT)
                    .replace("-", "")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
