package dev.holdfast.orchestrator.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Gives a command the chance to stop cleanly on SIGINT (Ctrl-C). The JVM runs shutdown hooks
 * on SIGINT and then exits with status 130; the hook here interrupts the command's thread and
 * waits a little, so that the command can release the repository lock and close its files.
 */
final class Interruption {
    /** How long the command may take to stop after SIGINT before the JVM exits anyway. */
    private static final Duration GRACE = Duration.ofSeconds(5);

    private Interruption() {
    }

    /** Runs the command, flushes the output, and returns its exit status. */
    static int run(IntSupplier command, CliContext context) {
        Thread worker = Thread.currentThread();
        CountDownLatch finished = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> stop(worker, finished, context), "holdfast-interrupt"));
        try {
            int status = command.getAsInt();
            context.out().flush();
            context.err().flush();
            return status;
        } finally {
            finished.countDown();
        }
    }

    private static void stop(Thread worker, CountDownLatch finished, CliContext context) {
        if (finished.getCount() == 0) {
            return;
        }
        context.err().println();
        context.err().println("holdfast: interrupted, stopping");
        worker.interrupt();
        try {
            finished.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        context.out().flush();
        context.err().flush();
    }
}
