package dev.holdfast.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.scheduler.MisfirePolicy;
import dev.holdfast.scheduler.Schedule;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
        return start(folder, config, output, env, List.of());
    }

    /** Starts serve with {@code options} added before the command, such as --verbose. */
    static ServeProcess start(Path folder, Path config, Path output, Map<String, String> env,
            List<String> options) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path"));
        List<String> command = new java.util.ArrayList<>(List.of(java,
                "--enable-native-access=ALL-UNNAMED", "-cp", classPath,
                Holdfast.class.getName(), "--config", config.toString()));
        command.addAll(options);
        command.add("serve");
        ProcessBuilder builder = new ProcessBuilder(command)
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

    /**
     * Returns a cron expression in UTC that fires at each of {@code times}, which lie within a
     * few seconds of each other, and at no other time within 40 seconds after the last.
     * Quartz's fields combine as a product, so when the times fall in different minutes (or
     * hours, days) the expression also names mixtures such as one time's minute with another's
     * second. Those lie in the past or at least 40 seconds later, which the check below
     * confirms. The year after keeps the expression firing after the test, because a
     * configuration whose schedule never fires again is invalid.
     */
    static String cronFiringAt(List<Instant> times) {
        List<ZonedDateTime> zoned = times.stream().map(t -> t.atZone(ZoneOffset.UTC)).toList();
        Function<Function<ZonedDateTime, Integer>, String> field = part -> zoned.stream()
                .map(part).collect(Collectors.toCollection(TreeSet::new)).stream()
                .map(String::valueOf).collect(Collectors.joining(","));
        int lastYear = zoned.getLast().getYear();
        String cron = String.join(" ", field.apply(ZonedDateTime::getSecond),
                field.apply(ZonedDateTime::getMinute), field.apply(ZonedDateTime::getHour),
                field.apply(ZonedDateTime::getDayOfMonth),
                field.apply(ZonedDateTime::getMonthValue), "?",
                field.apply(ZonedDateTime::getYear) + "," + (lastYear + 1));
        List<Instant> fires = new Schedule("job", "backup", cron, ZoneOffset.UTC,
                MisfirePolicy.SKIP).nextFireTimes(Instant.now(), times.size() + 1);
        assertThat(fires.subList(0, times.size())).as(cron).containsExactlyElementsOf(times);
        assertThat(fires.getLast()).as(cron).isAfter(times.getLast().plusSeconds(40));
        return cron;
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
