package dev.holdfast.repository.backup;

import dev.holdfast.repository.PathNames;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;

/**
 * Exclusion globs of a backup, in three forms. A pattern that starts with '/' matches an entry's
 * absolute path on the file system, such as {@code /home/alice/.cache/**}. Any other pattern
 * with a '/' matches the entry's path from the snapshot root, such as {@code docs/drafts}, and
 * also its absolute path, so that {@code **}{@code /drafts} matches at any depth. A pattern
 * without '/' matches the entry's name, such as {@code *.tmp}.
 */
public final class Excludes {
    private final List<PathMatcher> byName = new ArrayList<>();
    private final List<PathMatcher> byAbsolutePath = new ArrayList<>();
    private final List<PathMatcher> byEitherPath = new ArrayList<>();
    /** The absolute folder that contains each source, keyed by the source's name. */
    private final Map<String, String> sourceFolders = new HashMap<>();

    /** Compiles {@code patterns}, which {@link #problem} accepts, for the given sources. */
    Excludes(List<String> patterns, List<Archiver.Source> sources) {
        for (String pattern : patterns == null ? List.<String>of() : patterns) {
            PathMatcher matcher = compile(pattern);
            if (pattern.startsWith("/")) {
                byAbsolutePath.add(matcher);
            } else if (pattern.contains("/")) {
                byEitherPath.add(matcher);
            } else {
                byName.add(matcher);
            }
        }
        for (Archiver.Source source : sources) {
            sourceFolders.put(PathNames.display(source.name()), PathNames.display(source.folder()));
        }
    }

    /**
     * Returns what is wrong with {@code pattern} in plain words, or empty when it is a valid
     * glob, so that callers can reject it before a backup starts.
     */
    public static Optional<String> problem(String pattern) {
        try {
            compile(pattern);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static PathMatcher compile(String pattern) {
        try {
            return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(explain(e.getDescription()), e);
        }
    }

    /** Rewords the JDK's glob syntax errors, which are terse and quote unevenly. */
    private static String explain(String description) {
        return switch (description) {
            case "Missing ']" -> "a '[' has no closing ']' (write \\[ to match a '[' itself)";
            case "Missing '}" -> "a '{' has no closing '}' (write \\{ to match a '{' itself)";
            case "Cannot nest groups" -> "a '{...}' group is nested in another";
            case "No character to escape" -> "it ends with a '\\' that escapes nothing";
            case "Invalid range" -> "a range in brackets runs backwards, such as [z-a]";
            case "Explicit 'name separator' in class" -> "a '/' is inside brackets";
            default -> "it is not a valid glob (" + description + ")";
        };
    }

    /** Returns whether the entry at snapshot path {@code path}, named {@code name}, is excluded. */
    boolean matches(byte[] path, byte[] name) {
        if (byName.isEmpty() && byAbsolutePath.isEmpty() && byEitherPath.isEmpty()) {
            return false;
        }
        try {
            String display = PathNames.display(path);
            Path relative = Path.of(display.startsWith("/") ? display.substring(1) : display);
            Path absolute = Path.of(absolute(display));
            return any(byName, Path.of(PathNames.display(name)))
                    || any(byAbsolutePath, absolute)
                    || any(byEitherPath, relative)
                    || any(byEitherPath, absolute);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** Joins the folder of the entry's source with its snapshot path, such as "/data/a". */
    private String absolute(String snapshotPath) {
        int end = snapshotPath.indexOf('/', 1);
        String source = end < 0 ? snapshotPath.substring(1) : snapshotPath.substring(1, end);
        String folder = sourceFolders.getOrDefault(source, "");
        return folder.endsWith("/") ? folder + snapshotPath.substring(1) : folder + snapshotPath;
    }

    private static boolean any(List<PathMatcher> matchers, Path path) {
        for (PathMatcher matcher : matchers) {
            if (matcher.matches(path)) {
                return true;
            }
        }
        return false;
    }
}
