package dev.holdfast.orchestrator.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of the HTTP API of {@code holdfast serve}, in the {@code service} section.
 *
 * @param listen address and port of the API; empty when {@code service.listen} is not set,
 *     and the API is then off
 * @param caDir folder of the certificate authority that {@code holdfast ca} manages
 * @param tlsDir folder of the node certificate that the API presents ({@code cert.pem},
 *     {@code key.pem}) and of the CA certificate that it trusts for clients ({@code ca.pem})
 */
public record ApiConfig(Optional<Listen> listen, Path caDir, Path tlsDir) {
    /** Folder of the CA inside the service's state folder, unless set. */
    public static final String DEFAULT_CA_DIR = "ca";
    /** Name of the node certificate that the API presents unless service.tls-dir is set. */
    public static final String DEFAULT_NODE_NAME = "node";
    /** Folder of issued certificates inside the CA folder. */
    public static final String ISSUED = "issued";

    public ApiConfig {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(caDir, "caDir");
        Objects.requireNonNull(tlsDir, "tlsDir");
    }

    /** Returns the settings of an API that is off, with the CA in its default folder. */
    public static ApiConfig off(Path stateDir) {
        Path caDir = stateDir.resolve(DEFAULT_CA_DIR);
        return new ApiConfig(Optional.empty(), caDir, defaultTlsDir(caDir));
    }

    /** Returns the folder that {@code holdfast ca issue node --node} writes in {@code caDir}. */
    public static Path defaultTlsDir(Path caDir) {
        return caDir.resolve(ISSUED).resolve(DEFAULT_NODE_NAME);
    }

    /**
     * An address and port to listen on.
     *
     * @param host a host name or IP address literal, without brackets
     * @param port 0 to 65535; 0 picks a free port
     */
    public record Listen(String host, int port) {
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
