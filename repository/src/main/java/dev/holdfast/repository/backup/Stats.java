package dev.holdfast.repository.backup;

import dev.holdfast.repository.BackupSummary;
import dev.holdfast.repository.PathNames;
import dev.holdfast.repository.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of one backup, updated from many threads. */
final class Stats {
    final AtomicLong filesNew = new AtomicLong();
    final AtomicLong filesChanged = new AtomicLong();
    final AtomicLong filesUnchanged = new AtomicLong();
    final AtomicLong directories = new AtomicLong();
    final AtomicLong filesSeen = new AtomicLong();
    final AtomicLong bytesSeen = new AtomicLong();
    final AtomicLong filesDone = new AtomicLong();
    final AtomicLong bytesDone = new AtomicLong();
    final AtomicLong bytesRead = new AtomicLong();
    final AtomicLong files = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    private final List<BackupSummary.Warning> warnings = new ArrayList<>();
    private final List<String> changed = new ArrayList<>();
    private final Progress progress;

    Stats(Progress progress) {
        this.progress = progress;
    }

    void warn(String path, String message) {
        synchronized (warnings) {
            warnings.add(new BackupSummary.Warning(path, message));
        }
        progress.warning(path, message);
    }

    void changed(String path) {
        synchronized (changed) {
            changed.add(path);
        }
        progress.warning(path, "changed while it was read; the stored copy may be inconsistent");
    }

    void listed(byte[] path) {
        progress.folderListed(PathNames.display(path));
    }

    void report() {
        progress.update(filesDone.get(), bytesDone.get(), filesSeen.get(), bytesSeen.get());
    }

    List<BackupSummary.Warning> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }

    List<String> changedPaths() {
        synchronized (changed) {
            return List.copyOf(changed);
        }
    }
}
