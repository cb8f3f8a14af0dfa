package dev.holdfast.orchestrator.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code holdfast serve} as a real process on the test class path, with its standard output
 * and error in one file. Closing it kills the process when it still runs.
 */
final class ServeProcess implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(60);
    /** The line that serve prints once its scheduler runs. */
    static final Pattern SERVING = Pattern.compile("serving \\d+ scheduled jobs as node (\\S+)");

    private final Process process;
    private final Path output;

    private ServeProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts serve in {@code folder} with {@code config} and the environment given. */
    static ServeProcess start(Path folder, Path config, Path output, Map<String, String> env)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(List.of(java,
                "--enable-native-access=ALL-UNNAMED", "-cp", classPath,
                Holdfast.class.getName(), "--config", config.toString(), "serve"))
                .directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(env);
        return new ServeProcess(builder.start(), output);
    }

    /** Returns what the process printed so far. */
    String output() throws IOException {
        return Files.exists(output) ? Files.readString(output) : "";
    }

    boolean printed(Pattern pattern) throws IOException {
        return pattern.matcher(output()).find();
    }

    /**
     * Waits until the output matches {@code pattern} and returns the first match; fails when
     * the process exits first or {@link #WAIT} passes.
     */
    Matcher await(Pattern pattern) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            Matcher matcher = pattern.matcher(output());
            if (matcher.find()) {
                return matcher;
            }
            if (!process.isAlive()) {
                throw new AssertionError("serve exited with " + process.exitValue()
                        + " before printing " + pattern + ":\n" + output());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("serve did not print " + pattern + " within " + WAIT + ":\n"
                + output());
    }

    /** Returns this node's instance id from the line serve prints at start. */
    String awaitNode() throws Exception {
        return await(SERVING).group(1);
    }

    /** Sends SIGTERM and returns the exit status, failing when it takes over {@code limit}. */
    int terminate(Duration limit) throws Exception {
        sigterm();
        return awaitExit(limit);
    }

    /** Sends SIGTERM, as kill does by default. */
    void sigterm() {
        process.destroy();
    }

    /** Returns the exit status, failing when the process runs longer than {@code limit}. */
    int awaitExit(Duration limit) throws Exception {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("serve did not exit within " + limit + " of SIGTERM:\n"
                    + output());
        }
        return process.exitValue();
    }

    /** Sends SIGKILL, as kill -9 does, and waits for the process to end. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    /** Writes {@code bytes} of random data, which neither compresses nor deduplicates. */
    static void writeRandomFile(Path file, long bytes) throws IOException {
        SplittableRandom random = new SplittableRandom(file.hashCode());
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < bytes; written += block.length) {
                for (int i = 0; i < block.length; i += 8) {
                    long value = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        block[i + b] = (byte) (value >>> (8 * b));
                    }
                }
                out.write(block, 0, (int) Math.min(block.length, bytes - written));
            }
        }
    }
}
