package dev.holdfast.orchestrator.cli;

import java.io.Console;
import java.util.Map;

/**
 * The interactive terminal that holdfast runs in, present only when both standard input and
 * standard output are terminals. Without one, holdfast shows no prompt, draws no progress
 * line and writes binary data freely.
 */
interface Terminal {
    /** Width assumed when the environment does not set COLUMNS. */
    int DEFAULT_COLUMNS = 80;

    /** Reads a line without echo, or returns null at the end of input. */
    char[] readPassword(String prompt);

    /** Returns the width of the terminal in columns. */
    int columns();

    /** Returns the terminal of this process, or null when it runs in a pipe or a script. */
    static Terminal system(Map<String, String> environment) {
        Console console = System.console();
        if (console == null || !console.isTerminal()) {
            return null;
        }
        int columns = parseColumns(environment.get("COLUMNS"));
        return new Terminal() {
            @Override
            public char[] readPassword(String prompt) {
                return console.readPassword("%s", prompt);
            }

            @Override
            public int columns() {
                return columns;
            }
        };
    }

    private static int parseColumns(String value) {
        try {
            return value == null ? DEFAULT_COLUMNS : Math.max(20, Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return DEFAULT_COLUMNS;
        }
    }
}
