package dev.holdfast.orchestrator.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Sets log levels from the command line. The defaults (WARN, to stderr) are in logback.xml. */
final class Logging {
    private static final String HOLDFAST_LOGGERS = "dev.holdfast";

    private Logging() {
    }

    /** Logs DEBUG from Holdfast's own classes with --verbose, WARN otherwise. */
    static void setVerbose(boolean verbose) {
        if (LoggerFactory.getLogger(HOLDFAST_LOGGERS) instanceof Logger logger) {
            logger.setLevel(verbose ? Level.DEBUG : null);
        }
    }
}
