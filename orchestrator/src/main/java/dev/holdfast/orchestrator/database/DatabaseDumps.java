package dev.holdfast.orchestrator.database;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The dump streams of a database source, in the order to read them: for PostgreSQL {@code
 * globals.sql} first, then per database {@code database.json}, the dump and {@code
 * tables.json}. Nothing runs until a stream is opened, and the tools are checked first, so
 * that a missing or too old tool fails before anything is stored.
 *
 * <p>{@code tables.json} holds the counts taken when the dump was opened (PostgreSQL: in the
 * dump's own snapshot), so it can be opened only after the dump.
 */
public final class DatabaseDumps {
    private DatabaseDumps() {
    }

    /** Returns the streams of the database of {@code settings}, with default options. */
    public static List<DumpStream> open(ConnectionSettings settings) throws DatabaseException {
        return open(settings, DumpOptions.defaults());
    }

    /** Returns the streams of the databases that {@code options} names. */
    public static List<DumpStream> open(ConnectionSettings settings, DumpOptions options)
            throws DatabaseException {
        ClientTools tools = ClientTools.locate(settings);
        return open(settings, options, tools);
    }

    static List<DumpStream> open(ConnectionSettings settings, DumpOptions options,
            ClientTools tools) {
        List<String> databases = options.databases().isEmpty()
                ? List.of(settings.database()) : options.databases();
        List<DumpStream> streams = new ArrayList<>();
        if (settings.kind() == DatabaseKind.POSTGRESQL) {
            streams.add(PostgresDumps.globals(settings, tools));
        }
        for (String database : databases) {
            ConnectionSettings source = settings.withDatabase(database);
            OneDatabase dump = settings.kind() == DatabaseKind.POSTGRESQL
                    ? new PostgresDumps(source, tools, options.exactCountLimitBytes())
                    : new MariaDbDumps(source, tools, options.exactCountLimitBytes());
            streams.add(stream(DumpLayout.path(database, DumpLayout.DATABASE_INFO),
                    () -> new ByteArrayInputStream(dump.info().toJson())));
            streams.add(stream(DumpLayout.path(database,
                    DumpLayout.dumpFile(settings.kind())), dump::dump));
            streams.add(stream(DumpLayout.path(database, DumpLayout.TABLES),
                    () -> new ByteArrayInputStream(dump.statistics().toJson())));
        }
        return List.copyOf(streams);
    }

    /** The dump of one database, with the files that describe it. */
    interface OneDatabase {
        DatabaseInfo info() throws IOException;

        /** Starts the dump tool and takes the table counts that {@link #statistics} returns. */
        InputStream dump() throws IOException;

        /** Returns the counts taken by {@link #dump}, which must have been called. */
        TableStatistics statistics() throws IOException;
    }

    interface Opener {
        InputStream open() throws IOException;
    }

    static DumpStream stream(String name, Opener opener) {
        return new DumpStream() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public InputStream open() throws IOException {
                return opener.open();
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
