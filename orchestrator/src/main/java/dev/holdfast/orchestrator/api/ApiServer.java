package dev.holdfast.orchestrator.api;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.holdfast.orchestrator.config.ApiConfig.Listen;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS server of the API. It is the JDK's own {@link HttpsServer}: the API has a few
 * small endpoints and report pages rendered as whole strings, and this server does TLS with
 * client certificates through a plain {@link javax.net.ssl.SSLContext}, so a web framework
 * would add dependencies and attack surface without adding anything the API needs. Each
 * request runs on a virtual thread.
 */
public final class ApiServer implements AutoCloseable {
    /** Seconds that requests in progress get to finish when the server stops. */
    private static final int STOP_SECONDS = 1;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final HttpsServer server;
    private final ExecutorService executor;

    private ApiServer(HttpsServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds {@code listen} and starts serving.
     *
     * @param setting the configuration key of {@code listen}, for messages
     * @throws ApiException when the address cannot be bound
     */
    public static ApiServer start(Listen listen, String setting, ServerTls tls,
            ApiServices services) throws ApiException {
        HttpsServer server;
        try {
            server = HttpsServer.create(new InetSocketAddress(listen.host(), listen.port()), 0);
        } catch (IOException e) {
            throw new ApiException("cannot listen on " + listen + " (" + setting + "): "
                    + e.getMessage() + "; " + bindAdvice(listen), e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(tls.context()) {
            @Override
            public void configure(HttpsParameters parameters) {
                parameters.setSSLParameters(tls.parameters());
            }
        });
        server.createContext("/", new ApiHandler(services));
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.start();
        LOG.info("api: listening on https://{}", describe(server.getAddress()));
        return new ApiServer(server, executor);
    }

    /**
     * Returns what to do when {@code listen} cannot be bound. The usual cause is a port in use,
     * but an address that no interface of this machine has fails too, and stopping processes
     * does not help there.
     */
    static String bindAdvice(Listen listen) {
        InetSocketAddress address = new InetSocketAddress(listen.host(), listen.port());
        if (address.isUnresolved()) {
            return "the host name \"" + listen.host() + "\" does not resolve; set an address of "
                    + "this machine, such as 127.0.0.1:" + listen.port();
        }
        InetAddress host = address.getAddress();
        if (!host.isAnyLocalAddress() && !isLocal(host)) {
            return "no network interface of this machine has the address "
                    + host.getHostAddress() + "; set one of its addresses, such as 127.0.0.1:"
                    + listen.port() + ", or 0.0.0.0:" + listen.port() + " for every interface";
        }
        return "stop the process that uses the port, or set another address";
    }

    private static boolean isLocal(InetAddress host) {
        try {
            return NetworkInterface.getByInetAddress(host) != null;
        } catch (SocketException e) {
            // The interfaces cannot be listed, so the advice for a port in use applies.
            return true;
        }
    }

    /** Returns the bound address, with the port chosen when the configured port was 0. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Returns the address as {@code host:port}, with an IPv6 address in brackets. */
    public static String describe(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    @Override
    public void close() {
        server.stop(STOP_SECONDS);
        executor.close();
        LOG.info("api: stopped");
    }
}
