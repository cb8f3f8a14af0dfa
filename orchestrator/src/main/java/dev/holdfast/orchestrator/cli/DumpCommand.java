package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.cli.Holdfast.OpenRepository;
import dev.holdfast.repository.Entry;
import dev.holdfast.repository.EntryType;
import dev.holdfast.repository.Repository;
import dev.holdfast.repository.RepositoryException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "dump", description = {"Writes a file of a snapshot to standard output, or a "
        + "folder as a tar or zip archive.", "Writes no binary data to a terminal: redirect the "
        + "output to a file or a pipe."})
final class DumpCommand implements Callable<Integer> {
    /** Bytes of a file inspected to tell text from binary before writing it to a terminal. */
    private static final int PEEK = 8192;

    @Parameters(index = "0", paramLabel = "SNAPSHOT",
            description = "Snapshot ID, unique prefix, or latest.")
    private String snapshot;

    @Parameters(index = "1", paramLabel = "PATH", description = "Path inside the snapshot.")
    private String path;

    @Option(names = "--archive", paramLabel = "FORMAT",
            description = "Write PATH and everything below it as an archive: tar or zip "
                    + "(a folder is written as tar when this is not given).")
    private ArchiveWriter.Format archive;

    private final Holdfast app;

    DumpCommand(Holdfast app) {
        this.app = app;
    }

    @Override
    public Integer call() throws Exception {
        if (app.printer().json()) {
            throw new CliException(ExitCodes.USAGE, "--json does not apply to dump, which "
                    + "writes the bytes of the file or archive");
        }
        if (archive != null) {
            rejectTerminal();
        }
        app.printer().dataOnStandardOutput();
        try (OpenRepository open = app.openRepository()) {
            Repository repository = open.repository();
            String id = repository.snapshot(snapshot).id();
            byte[] raw = SnapshotPaths.parse(path);
            Entry entry = SnapshotPaths.stat(repository, id, raw);
            if (archive == null && entry.type() == EntryType.FILE) {
                writeFile(repository.openFile(id, raw));
            } else if (archive == null && entry.type() != EntryType.DIRECTORY) {
                throw new CliException(ExitCodes.FAILURE, "\"" + entry.displayPath() + "\" is a "
                        + entry.type().label() + ": pass --archive tar to dump it as an archive");
            } else {
                writeArchive(repository, id, raw, archive == null ? ArchiveWriter.Format.TAR
                        : archive);
            }
        }
        return ExitCodes.SUCCESS;
    }

    private void writeFile(InputStream content) throws IOException, CliException {
        OutputStream out = app.printer().binaryOut();
        try (BufferedInputStream in = new BufferedInputStream(content, PEEK)) {
            if (app.context().interactive()) {
                in.mark(PEEK);
                byte[] head = in.readNBytes(PEEK);
                in.reset();
                if (isBinary(head)) {
                    rejectTerminal();
                }
            }
            in.transferTo(out);
        }
        out.flush();
    }

    private void writeArchive(Repository repository, String id, byte[] raw,
            ArchiveWriter.Format format) throws Exception {
        rejectTerminal();
        // Names start at the last component of PATH, so dumping /home/alice/docs yields
        // docs/... and dumping / yields the top-level names.
        int base = lastSlash(raw) + 1;
        ArchiveWriter writer = ArchiveWriter.open(format, app.printer().binaryOut(),
                app.printer()::warning);
        try {
            repository.walk(id, raw, entry -> {
                if (entry.path().length > base) {
                    byte[] name = Arrays.copyOfRange(entry.path(), base, entry.path().length);
                    add(writer, entry, name, () -> repository.openFile(id, entry.path()));
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        writer.finish();
    }

    private static void add(ArchiveWriter writer, Entry entry, byte[] name,
            ArchiveWriter.Content content) throws RepositoryException {
        try {
            writer.add(entry, name, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void rejectTerminal() throws CliException {
        if (app.context().interactive()) {
            String option = archive == null
                    ? "" : " --archive " + archive.name().toLowerCase(Locale.ROOT);
            throw new CliException(ExitCodes.USAGE, "refusing to write binary data to the "
                    + "terminal: redirect the output, such as holdfast dump " + snapshot + " "
                    + path + option + " > FILE");
        }
    }

    private static int lastSlash(byte[] path) {
        for (int i = path.length - 1; i >= 0; i--) {
            if (path[i] == '/') {
                return i;
            }
        }
        return -1;
    }

    /** Treats a NUL byte or bytes that are not UTF-8 as binary; a cut-off last char is fine. */
    static boolean isBinary(byte[] head) {
        for (byte b : head) {
            if (b == 0) {
                return true;
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = CharBuffer.allocate(head.length);
        return decoder.decode(ByteBuffer.wrap(head), chars, false).isError();
    }
}
