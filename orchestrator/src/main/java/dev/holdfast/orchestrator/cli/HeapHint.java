package dev.holdfast.orchestrator.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The Java heap that the launcher should give the next run, remembered in the user's cache
 * folder ({@code holdfast/heap-mib}) because the launcher sets the heap before the repository
 * is open. The launcher keeps its heap small so that small repositories cost little memory,
 * and the heap a run needs grows with the in-memory index. A run that ends with an index too
 * large for the default heap raises the figure, so that a repository growing night after
 * night gets the heap it needs before a backup runs out of it. The figure only ever grows;
 * deleting the file or setting HOLDFAST_HEAP overrides it.
 */
final class HeapHint {
    static final String FILE = "heap-mib";
    static final long MIB = 1024 * 1024;
    /**
     * Heap that the largest step needs whatever the repository's size: packs being read,
     * filled and sealed, and the JVM's own objects. Beside it, prune keeps the index files'
     * blob lists, the live set and, while it marks, an index, so it needs about three times
     * the index. The figures are fitted to bench/memory.sh runs with a 128 MiB heap. A backup
     * into a repository of 276,000 blobs (an index of about 16 MiB) completed. One into
     * 318,000 blobs (about 18.5 MiB) ran out, and a prune of 340,000 blobs completed. A prune
     * of 490,000 blobs (28 MiB) ran out at 144 MiB and completed at 160 MiB.
     */
    static final long WORKING_HEAP = 72 * MIB;
    /** Heap per byte of the in-memory index; see {@link #WORKING_HEAP}. */
    private static final int INDEX_FACTOR = 3;
    /** The launcher's default heap setting. */
    static final long DEFAULT_HEAP_MIB = 128;
    /** The usable part of the default heap: the serial collector withholds a survivor space. */
    private static final long USABLE_DEFAULT = 120 * MIB;

    private final Optional<Path> file;

    private HeapHint(Optional<Path> file) {
        this.file = file;
    }

    /** Returns the hint of the user whose environment is {@code environment}. */
    static HeapHint of(Map<String, String> environment) {
        String cache = environment.get("XDG_CACHE_HOME");
        if (cache == null || cache.isBlank()) {
            String home = environment.get("HOME");
            cache = home == null || home.isBlank() ? null : home + "/.cache";
        }
        return new HeapHint(Optional.ofNullable(cache)
                .map(folder -> Path.of(folder, "holdfast", FILE)));
    }

    /** Returns the heap, in bytes, that a run with an index of {@code indexBytes} needs. */
    static long needed(long indexBytes) {
        return WORKING_HEAP + INDEX_FACTOR * indexBytes;
    }

    /** Returns a heap setting in MiB with room for {@code indexBytes}, a multiple of 32. */
    static long suggestedMiB(long indexBytes) {
        long mib = (needed(indexBytes) + 32 * MIB) / MIB;
        return Math.max(DEFAULT_HEAP_MIB, (mib + 31) / 32 * 32);
    }

    /** Returns the figure stored, or empty when there is none or it cannot be read. */
    OptionalLong stored() {
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            return OptionalLong.empty();
        }
        try {
            String text = Files.readString(file.get(), StandardCharsets.US_ASCII).strip();
            return text.matches("\\d{1,7}") ? OptionalLong.of(Long.parseLong(text))
                    : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Raises the stored figure to what an index of {@code indexBytes} needs, when that is more
     * than the default heap and the figure stored.
     *
     * @return the new figure in MiB, or empty when it stayed as it was
     */
    OptionalLong raise(long indexBytes) {
        if (file.isEmpty() || needed(indexBytes) <= USABLE_DEFAULT) {
            return OptionalLong.empty();
        }
        long mib = suggestedMiB(indexBytes);
        if (stored().orElse(0) >= mib) {
            return OptionalLong.empty();
        }
        Path target = file.get();
        try {
            Files.createDirectories(target.getParent());
            Path temporary = target.resolveSibling(FILE + "." + ProcessHandle.current().pid());
            Files.writeString(temporary, mib + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return OptionalLong.of(mib);
        } catch (IOException e) {
            // Without the hint the launcher keeps its default, and the warning still names the
            // setting.
            return OptionalLong.empty();
        }
    }

    /** Returns where the figure is kept, or empty when the environment names no home. */
    Optional<Path> file() {
        return file;
    }
}
