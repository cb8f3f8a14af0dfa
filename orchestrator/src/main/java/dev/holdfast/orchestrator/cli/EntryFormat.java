package dev.holdfast.orchestrator.cli;

import dev.holdfast.repository.Entry;
import dev.holdfast.repository.PathNames;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formats snapshot entries the way {@code ls -l} shows files. */
final class EntryFormat {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss",
            Locale.ROOT);

    private EntryFormat() {
    }

    /** Formats one entry: permissions, owner, group, size, time, path and a link's target. */
    static String longLine(Entry entry, ZoneId zone) {
        String line = String.format(Locale.ROOT, "%s %-8s %-8s %12d %s %s", permissions(entry),
                owner(entry.user(), entry.uid()), owner(entry.group(), entry.gid()), entry.size(),
                TIME.format(entry.modified().atZone(zone)), entry.displayPath());
        return entry.linkTarget() == null
                ? line : line + " -> " + PathNames.display(entry.linkTarget());
    }

    /** Formats the type and mode as ls does, such as drwxr-xr-x or -rwsr-x--T. */
    static String permissions(Entry entry) {
        int mode = entry.mode();
        StringBuilder text = new StringBuilder().append(typeLetter(entry));
        text.append(triple(mode >> 6, (mode & 04000) != 0, 's'));
        text.append(triple(mode >> 3, (mode & 02000) != 0, 's'));
        text.append(triple(mode, (mode & 01000) != 0, 't'));
        return text.toString();
    }

    private static String triple(int bits, boolean special, char specialLetter) {
        char execute = (bits & 1) != 0 ? 'x' : '-';
        if (special) {
            execute = (bits & 1) != 0 ? specialLetter : Character.toUpperCase(specialLetter);
        }
        return "" + ((bits & 4) != 0 ? 'r' : '-') + ((bits & 2) != 0 ? 'w' : '-') + execute;
    }

    private static char typeLetter(Entry entry) {
        return switch (entry.type()) {
            case FILE -> '-';
            case DIRECTORY -> 'd';
            case SYMLINK -> 'l';
            case FIFO -> 'p';
            case SOCKET -> 's';
            case CHAR_DEVICE -> 'c';
            case BLOCK_DEVICE -> 'b';
        };
    }

    private static String owner(String name, int id) {
        return name != null ? name : Integer.toString(id);
    }
}
