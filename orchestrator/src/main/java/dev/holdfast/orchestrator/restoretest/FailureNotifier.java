package dev.holdfast.orchestrator.restoretest;

import dev.holdfast.restoretester.report.RestoreTestReport;
import java.util.OptionalLong;

/** Tells someone that a restore test failed. */
@FunctionalInterface
public interface FailureNotifier {
    /** A notifier that tells no one, for a configuration without a webhook. */
    FailureNotifier NONE = (report, reportId) -> { };

    /**
     * Sends the failure of {@code report}.
     *
     * @param reportId the report's ID in the catalog, or empty when it was not stored there
     * @throws NotificationException when the message could not be delivered, after retries
     */
    void restoreTestFailed(RestoreTestReport report, OptionalLong reportId)
            throws NotificationException;

    /** A notification that could not be delivered; the message never contains a secret. */
    final class NotificationException extends Exception {
        public NotificationException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
