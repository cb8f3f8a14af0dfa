package dev.holdfast.repository.engine;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted for one test, to give a restore a volume of known size. Mounting needs
 * root; a test that cannot mount is skipped, not failed. The orchestrator's tests use it too.
 */
public record TmpfsVolume(Path folder) implements AutoCloseable {

    /** Mounts a tmpfs of {@code size} (as mount takes it, such as "8m") at a new folder. */
    public static TmpfsVolume mount(Path folder, String size) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        String output = run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0755",
                "tmpfs", folder.toString());
        assumeTrue(output == null, () -> "mounting a tmpfs failed, so the test is skipped: "
                + output);
        return new TmpfsVolume(folder);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        String output = run("umount", folder.toString());
        if (output != null) {
            run("umount", "-l", folder.toString());
        }
    }

    /** Runs a command; returns null on success, else its exit status and output. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return e.getMessage();
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return String.join(" ", command) + " did not finish within 30 s";
        }
        String output = new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
        if (process.exitValue() == 0) {
            return null;
        }
        return "exit status " + process.exitValue() + ": " + output;
    }
}
