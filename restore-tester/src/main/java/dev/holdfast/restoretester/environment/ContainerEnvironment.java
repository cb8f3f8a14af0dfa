package dev.holdfast.restoretester.environment;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A throwaway container run through Testcontainers, for restores that need a server this
 * machine does not have installed. It needs a reachable Docker engine: check
 * {@link #probeDocker(Duration)} first, or let {@link #start} fail with a clear message.
 *
 * <p>Besides the container it has a folder of its own, for files to bind-mount. Testcontainers'
 * reaper container (Ryuk) removes the container when this JVM dies; {@link Leftovers#sweep}
 * deletes the folder.
 */
public final class ContainerEnvironment implements Environment {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerEnvironment.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final Footprint footprint;
    private final GenericContainer<?> container;
    private final ContainerOptions options;
    private volatile boolean closed;

    private ContainerEnvironment(Footprint footprint, GenericContainer<?> container,
            ContainerOptions options) {
        this.footprint = footprint;
        this.container = container;
        this.options = options;
    }

    /**
     * The result of looking for a Docker engine.
     *
     * @param reachable whether an engine replied
     * @param location where it was looked for: {@code DOCKER_HOST}, or the default socket
     * @param detail what went wrong when it is not reachable, else empty
     */
    public record DockerStatus(boolean reachable, String location, String detail) {
        /** Returns a sentence for a report, such as "No Docker engine reachable at ...". */
        public String describe() {
            return reachable ? "Docker engine reachable at " + location
                    : "No Docker engine reachable at " + location + ": " + detail;
        }
    }

    /**
     * Looks for a Docker engine the way Testcontainers does ({@code DOCKER_HOST}, the default
     * socket, {@code ~/.testcontainers.properties}) and gives up after {@code timeout}, because
     * an engine address that swallows packets would block the probe for much longer.
     */
    public static DockerStatus probeDocker(Duration timeout) {
        String location = engineLocation();
        CompletableFuture<Boolean> probe = new CompletableFuture<>();
        // A daemon thread, so that a probe that never returns cannot keep the JVM alive.
        Thread.ofPlatform().daemon().name("holdfast-docker-probe").start(() -> {
            try {
                probe.complete(DockerClientFactory.instance().isDockerAvailable());
            } catch (RuntimeException | Error e) {
                probe.completeExceptionally(e);
            }
        });
        try {
            boolean reachable = probe.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new DockerStatus(reachable, location, reachable ? ""
                    : "Testcontainers found no working Docker environment");
        } catch (TimeoutException e) {
            return new DockerStatus(false, location, "no answer within "
                    + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            return new DockerStatus(false, location, String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DockerStatus(false, location, "interrupted while probing");
        }
    }

    private static String engineLocation() {
        String host = System.getenv("DOCKER_HOST");
        return host != null && !host.isBlank() ? host
                : "unix:///var/run/docker.sock (the default; set DOCKER_HOST to change it)";
    }

    /**
     * Starts a container after probing for a Docker engine for at most 5 s. When the start
     * fails, the container and the folder are removed before the exception is thrown.
     *
     * @throws IOException "No Docker engine reachable at ..." when there is none, or the
     *     reason the container did not start
     */
    public static ContainerEnvironment start(ContainerOptions options) throws IOException {
        DockerStatus status = probeDocker(PROBE_TIMEOUT);
        if (!status.reachable()) {
            throw new IOException(status.describe() + "; start a Docker engine or use the"
                    + " ephemeral PostgreSQL and MariaDB environments instead");
        }
        // NOTE: the build machines have no Docker engine, so only the path above has run in
        // tests; starting a container is written against the Testcontainers 2.0 API unrun.
        Footprint footprint = Footprint.create(options.stateFolder(), options.parentFolder(),
                "container", new OsAccount(null));
        GenericContainer<?> container = new GenericContainer<>(
                DockerImageName.parse(options.image()))
                .withExposedPorts(options.exposedPorts().toArray(Integer[]::new))
                .withEnv(options.environment())
                .withStartupTimeout(options.startTimeout());
        ContainerEnvironment environment = new ContainerEnvironment(footprint, container,
                options);
        try {
            container.start();
        } catch (RuntimeException e) {
            IOException failure = new IOException("Container of image '" + options.image()
                    + "' did not start: " + e.getMessage(), e);
            environment.closeAfterFailure(failure);
            throw failure;
        }
        LOG.info("{}: started", environment.describe());
        return environment;
    }

    /** Returns the host where the published ports are, usually {@code localhost}. */
    public String host() {
        return container.getHost();
    }

    /** Returns the host port that publishes {@code containerPort}. */
    public int mappedPort(int containerPort) {
        return container.getMappedPort(containerPort);
    }

    public String containerId() {
        return container.getContainerId();
    }

    /** Returns the environment's own folder, for bind mounts; it is deleted on close. */
    public Path folder() {
        return footprint.folder();
    }

    @Override
    public String describe() {
        String id = container.getContainerId();
        return "Container of image " + options.image() + " (id "
                + (id == null ? "none" : id.substring(0, Math.min(12, id.length())))
                + ", folder " + footprint.folder() + ")";
    }

    /** Stops and removes the container, then deletes the folder and the marker. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            container.stop();
        } catch (RuntimeException e) {
            LOG.warn("{}: stopping the container failed; Testcontainers' reaper removes it"
                    + " when this JVM exits", describe(), e);
        }
        footprint.destroy();
        closed = true;
        LOG.info("{}: removed", describe());
    }

    private void closeAfterFailure(Exception failure) {
        try {
            close();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
