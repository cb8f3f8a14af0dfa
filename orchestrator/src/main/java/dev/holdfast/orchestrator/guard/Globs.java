package dev.holdfast.orchestrator.guard;

/** Matching of table names against patterns where {@code *} matches any run of characters. */
final class Globs {
    private Globs() {
    }

    /**
     * Returns whether {@code name} matches {@code pattern}. Runs in O(pattern × name) at
     * worst: after a mismatch it retries from the last {@code *} only.
     */
    static boolean matches(String pattern, String name) {
        int p = 0;
        int n = 0;
        int star = -1;
        int starMatch = 0;
        while (n < name.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                starMatch = n;
            } else if (p < pattern.length() && pattern.charAt(p) == name.charAt(n)) {
                p++;
                n++;
            } else if (star >= 0) {
                p = star + 1;
                n = ++starMatch;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
