package dev.holdfast.restoretester.environment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoversTest {
    @TempDir
    Path state;
    @TempDir
    Path parent;

    @Test
    void sweep_afterKilledJvm_removesBothServers(@TempDir Path logs) throws Exception {
        Process child = startChild(logs.resolve("child.log"));
        try {
            assertThat(awaitReady(child)).as("child output, see %s", logs).isEqualTo("ready");
        } finally {
            child.destroyForcibly();
            child.waitFor(60, TimeUnit.SECONDS);
        }
        List<Marker> markers = Servers.markers(state);
        List<ProcessHandle> processes = serverProcesses(markers);
        assertThat(markers).extracting(Marker::kind)
                .containsExactlyInAnyOrder("postgres", "mariadb");
        assertThat(processes).allMatch(Processes::isRunning);

        List<Leftovers.Leftover> removed = Leftovers.sweep(state);

        assertThat(removed).extracting(Leftovers.Leftover::kind)
                .containsExactlyInAnyOrder("postgres", "mariadb");
        assertThat(removed).allMatch(leftover -> leftover.serverPid().isPresent());
        assertThat(processes).noneMatch(Processes::isRunning);
        assertThat(markers).extracting(Marker::folder).allMatch(Files::notExists);
        assertThat(state).isEmptyDirectory();
    }

    @Test
    void sweep_markerOfDeadJvm_deletesFolder() throws Exception {
        TemporaryDirectory directory = TemporaryDirectory.create(parent, 0, state);
        Files.writeString(directory.path().resolve("restored"), "data");
        Path markerFile = Servers.markers(state).getFirst().file();
        long deadPid = exitedProcessPid();
        Files.writeString(markerFile, Files.readString(markerFile)
                .replaceAll("owner.pid=\\d+", "owner.pid=" + deadPid));

        List<Leftovers.Leftover> removed = Leftovers.sweep(state);

        assertThat(removed).singleElement().satisfies(leftover -> {
            assertThat(leftover.kind()).isEqualTo("directory");
            assertThat(leftover.folder()).isEqualTo(directory.path());
            assertThat(leftover.serverPid()).isEmpty();
            assertThat(leftover.ownerPid()).isEqualTo(deadPid);
        });
        assertThat(directory.path()).doesNotExist();
        assertThat(state).isEmptyDirectory();
    }

    @Test
    void sweep_markerOfLiveJvm_isKept() throws IOException {
        try (TemporaryDirectory directory = TemporaryDirectory.create(parent, 0, state)) {
            assertThat(Leftovers.sweep(state)).isEmpty();
            assertThat(directory.path()).isDirectory();
            assertThat(Servers.markers(state)).hasSize(1);
        }
    }

    @Test
    void sweep_missingStateFolder_removesNothing() throws IOException {
        assertThat(Leftovers.sweep(state.resolve("absent"))).isEmpty();
    }

    private Process startChild(Path log) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp",
                System.getProperty("java.class.path"), CrashChild.class.getName(),
                state.toString()));
        return new ProcessBuilder(command).redirectError(log.toFile()).start();
    }

    /** Returns the child's first line of output, or null if it exited without one. */
    private static String awaitReady(Process child) throws IOException {
        var reader = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8));
        return reader.readLine();
    }

    private static List<ProcessHandle> serverProcesses(List<Marker> markers) {
        List<ProcessHandle> processes = new ArrayList<>();
        for (Marker marker : markers) {
            ProcessHandle server = ProcessHandle.of(marker.serverPid()).orElseThrow();
            processes.add(server);
            processes.addAll(server.descendants().toList());
        }
        return processes;
    }

    /** Returns the PID of a process that has exited and been reaped. */
    private static long exitedProcessPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }
}
