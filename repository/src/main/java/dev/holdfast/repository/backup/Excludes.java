package dev.holdfast.repository.backup;

import dev.holdfast.repository.PathNames;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Exclusion globs. A pattern without '/' matches an entry's name anywhere in the tree; a pattern
 * with '/' matches the entry's path from the source's top, such as {@code cache/**}.
 */
final class Excludes {
    private final List<PathMatcher> byName = new ArrayList<>();
    private final List<PathMatcher> byPath = new ArrayList<>();

    Excludes(List<String> patterns) {
        for (String pattern : patterns == null ? List.<String>of() : patterns) {
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            (pattern.contains("/") ? byPath : byName).add(matcher);
        }
    }

    boolean matches(byte[] path, byte[] name) {
        if (byName.isEmpty() && byPath.isEmpty()) {
            return false;
        }
        try {
            Path namePath = Path.of(PathNames.display(name));
            for (PathMatcher matcher : byName) {
                if (matcher.matches(namePath)) {
                    return true;
                }
            }
            String display = PathNames.display(path);
            Path relative = Path.of(display.startsWith("/") ? display.substring(1) : display);
            for (PathMatcher matcher : byPath) {
                if (matcher.matches(relative)) {
                    return true;
                }
            }
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
        return false;
    }
}
