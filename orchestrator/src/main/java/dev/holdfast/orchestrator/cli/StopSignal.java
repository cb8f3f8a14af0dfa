package dev.holdfast.orchestrator.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT as a request to stop, for the long-running serve command. Handling the
 * signals replaces the JVM's default action (run shutdown hooks, exit with 128 + signal), so
 * that serve can let running jobs finish and exit with its own status.
 */
final class StopSignal {
    private final CompletableFuture<String> received = new CompletableFuture<>();

    private StopSignal() {
    }

    static StopSignal install() {
        StopSignal stop = new StopSignal();
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> stop.received.complete("SIG" + name));
        }
        return stop;
    }

    /** Waits for a signal and returns its name; an interrupt of the caller counts as one. */
    String await() {
        try {
            return received.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "an interrupt";
        } catch (ExecutionException e) {
            throw new IllegalStateException("signal future completed exceptionally", e);
        }
    }
}
