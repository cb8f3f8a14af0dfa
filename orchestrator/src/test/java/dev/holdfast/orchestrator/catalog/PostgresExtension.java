package dev.holdfast.orchestrator.catalog;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one {@link PostgresServer} per test class and passes it to test methods and
 * constructors that take a {@code PostgresServer} parameter. The server stops, and its folder
 * is deleted, after the last test of the class.
 *
 * <p>A test is skipped only when the PostgreSQL binaries are not installed; any other problem
 * in starting the server fails it.
 */
public final class PostgresExtension implements BeforeAllCallback, ParameterResolver {
    private static final Namespace NAMESPACE = Namespace.create(PostgresExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PostgresServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        try {
            return server(context);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start a throwaway PostgreSQL server: "
                    + e.getMessage(), e);
        }
    }

    private static PostgresServer server(ExtensionContext context) throws Exception {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent()) {
            classContext = classContext.getParent().orElseThrow();
        }
        // The class's store is closed after its last test, which stops the server.
        ExtensionContext.Store store = classContext.getStore(NAMESPACE);
        String key = classContext.getRequiredTestClass().getName();
        Started started = store.get(key, Started.class);
        if (started == null) {
            Optional<Path> binaries = PostgresServer.binaries();
            Assumptions.assumeTrue(binaries.isPresent(), "PostgreSQL's initdb and pg_ctl are "
                    + "not installed (searched PATH, /usr/local/bin and /usr/lib/postgresql/*/"
                    + "bin): install PostgreSQL to run this test");
            started = new Started(PostgresServer.start(binaries.get()));
            store.put(key, started);
        }
        return started.server();
    }

    /** Stops the server when JUnit closes the store. */
    private record Started(PostgresServer server)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() throws Exception {
            server.close();
        }
    }
}
