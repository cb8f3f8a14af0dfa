package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.api.ApiException;
import dev.holdfast.orchestrator.api.ApiServer;
import dev.holdfast.orchestrator.api.ApiServices;
import dev.holdfast.orchestrator.api.CatalogAccess;
import dev.holdfast.orchestrator.api.CatalogMetrics;
import dev.holdfast.orchestrator.api.ServerTls;
import dev.holdfast.orchestrator.config.ApiConfig;
import dev.holdfast.orchestrator.config.HoldfastConfig;
import dev.holdfast.scheduler.JobScheduler;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.quartz.SchedulerException;

/**
 * The HTTP API of {@code holdfast serve}, or nothing when {@code service.listen} is not set.
 * It starts in two steps, so that a missing certificate stops serve before the scheduler
 * fires any job: {@link #prepare} loads the certificates, {@link #start} binds the port.
 */
final class ServiceApi implements AutoCloseable {
    private final Printer printer;
    private final CliContext context;
    private final HoldfastConfig config;
    private final ServerTls tls;
    private ApiServer server;
    private CatalogAccess catalog;

    private ServiceApi(Printer printer, CliContext context, HoldfastConfig config,
            ServerTls tls) {
        this.printer = printer;
        this.context = context;
        this.config = config;
        this.tls = tls;
    }

    /** Loads the node certificate when the API is on; the API is off without a listen key. */
    static ServiceApi prepare(Printer printer, CliContext context, HoldfastConfig config)
            throws CliException {
        ApiConfig api = config.service().api();
        if (api.listen().isEmpty()) {
            printer.detail("HTTP API off: set service.listen, such as 127.0.0.1:8443, "
                    + "in \"" + config.file() + "\" to serve it");
            return new ServiceApi(printer, context, config, null);
        }
        try {
            return new ServiceApi(printer, context, config,
                    ServerTls.load(api.tlsDir(), "service.tls-dir"));
        } catch (ApiException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
        }
    }

    /**
     * Starts serving the API for {@code scheduler}, which has not begun firing yet. When the
     * port cannot be bound, the scheduler is stopped before the error is thrown.
     */
    void start(JobScheduler scheduler) throws Exception {
        if (tls == null) {
            return;
        }
        catalog = new CatalogAccess(config.catalog(), context.environment(), context.clock());
        ApiServices services = new ApiServices(Holdfast.Version.number(), scheduler,
                config.schedules(), catalog, new CatalogMetrics(), context.clock());
        try {
            server = ApiServer.start(config.service().api().listen().orElseThrow(),
                    "service.listen", tls, services);
        } catch (ApiException e) {
            stopQuietly(scheduler);
            throw new CliException(ExitCodes.FAILURE, e.getMessage(), e);
        }
        printer.info("HTTP API on https://" + ApiServer.describe(server.address())
                + " for clients with a certificate from the CA; the node certificate expires "
                + "at " + tls.notAfter());
    }

    /** Returns the bound address, or null when the API is off or not started. */
    InetSocketAddress address() {
        return server == null ? null : server.address();
    }

    private static void stopQuietly(JobScheduler scheduler) {
        try {
            scheduler.stop(Duration.ZERO);
        } catch (SchedulerException e) {
            // The bind failure is the error to report.
        }
    }

    /** Stops the server, so that no request triggers a job while serve stops. */
    @Override
    public void close() {
        if (server != null) {
            server.close();
            server = null;
        }
        if (catalog != null) {
            catalog.close();
            catalog = null;
        }
    }
}
