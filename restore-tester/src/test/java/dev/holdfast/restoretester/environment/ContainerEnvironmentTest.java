package dev.holdfast.restoretester.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the path without a Docker engine, which is what the build machines have. Starting a
 * real container would also need an image from a registry that these machines cannot reach.
 */
class ContainerEnvironmentTest {
    @TempDir
    Path state;
    @TempDir
    Path parent;

    @Test
    void probeDocker_returnsStatusInTime() {
        ContainerEnvironment.DockerStatus status =
                ContainerEnvironment.probeDocker(Duration.ofSeconds(5));

        assertThat(status.location()).isNotBlank();
        assertThat(status.describe()).contains(status.location());
        if (!status.reachable()) {
            assertThat(status.describe()).startsWith("No Docker engine reachable at ");
        }
    }

    @Test
    void start_withoutEngine_failsClearly() {
        assumeFalse(ContainerEnvironment.probeDocker(Duration.ofSeconds(5)).reachable(),
                "a Docker engine is reachable");
        ContainerOptions options = ContainerOptions.of("postgres:16").withExposedPorts(5432)
                .withStateFolder(state).withParentFolder(parent);

        assertThatThrownBy(() -> ContainerEnvironment.start(options))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("No Docker engine reachable at ");
        assertThat(state).isEmptyDirectory();
        assertThat(parent).isEmptyDirectory();
    }

    @Test
    void options_toString_hidesVariableValues() {
        ContainerOptions options = ContainerOptions.of("postgres:16")
                .withEnvironment(java.util.Map.of("POSTGRES_PASSWORD", "s3cret"));

        assertThat(options.toString()).contains("POSTGRES_PASSWORD").doesNotContain("s3cret");
    }
}
