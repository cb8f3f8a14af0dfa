package dev.holdfast.restoretester.environment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of a {@link ContainerEnvironment}.
 *
 * @param image the image to run, such as {@code postgres:16}; the engine pulls it if missing
 * @param exposedPorts container ports to publish on random host ports
 * @param environment variables for the container, the place for its passwords; they never
 *     appear in {@link ContainerEnvironment#describe()}
 * @param stateFolder where the environment's marker is written while it exists
 * @param parentFolder where the environment's folder (for bind mounts) is made
 * @param startTimeout how long the container may take to start
 */
public record ContainerOptions(String image, List<Integer> exposedPorts,
        Map<String, String> environment, Path stateFolder, Path parentFolder,
        Duration startTimeout) {
    /** Checks that every setting is present and copies the collections. */
    public ContainerOptions {
        Objects.requireNonNull(image, "image");
        exposedPorts = List.copyOf(exposedPorts);
        environment = Map.copyOf(environment);
        Objects.requireNonNull(stateFolder, "stateFolder");
        Objects.requireNonNull(parentFolder, "parentFolder");
        Objects.requireNonNull(startTimeout, "startTimeout");
    }

    /**
     * Returns options for {@code image} with no ports, no variables, the default state folder,
     * the JVM's temporary folder as parent and 120 s to start.
     */
    public static ContainerOptions of(String image) {
        return new ContainerOptions(image, List.of(), Map.of(), Leftovers.defaultStateFolder(),
                Path.of(System.getProperty("java.io.tmpdir")), Duration.ofSeconds(120));
    }

    public ContainerOptions withExposedPorts(Integer... ports) {
        return new ContainerOptions(image, List.of(ports), environment, stateFolder,
                parentFolder, startTimeout);
    }

    public ContainerOptions withEnvironment(Map<String, String> value) {
        return new ContainerOptions(image, exposedPorts, value, stateFolder, parentFolder,
                startTimeout);
    }

    public ContainerOptions withStateFolder(Path value) {
        return new ContainerOptions(image, exposedPorts, environment, value, parentFolder,
                startTimeout);
    }

    public ContainerOptions withParentFolder(Path value) {
        return new ContainerOptions(image, exposedPorts, environment, stateFolder, value,
                startTimeout);
    }

    public ContainerOptions withStartTimeout(Duration value) {
        return new ContainerOptions(image, exposedPorts, environment, stateFolder,
                parentFolder, value);
    }

    /** Lists the variables' names only, because their values may be secret. */
    @Override
    public String toString() {
        return "ContainerOptions[image=" + image + ", exposedPorts=" + exposedPorts
                + ", environment=" + environment.keySet() + ", stateFolder=" + stateFolder
                + ", parentFolder=" + parentFolder + ", startTimeout=" + startTimeout + "]";
    }
}
