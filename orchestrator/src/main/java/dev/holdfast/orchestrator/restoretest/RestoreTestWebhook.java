package dev.holdfast.orchestrator.restoretest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.holdfast.orchestrator.config.RestoreTestConfig;
import dev.holdfast.orchestrator.guard.WebhookNotifier;
import dev.holdfast.restoretester.report.RestoreTestReport;
import dev.holdfast.restoretester.report.RestoreTestReport.Failure;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Sends a failed restore test to a webhook as a JSON POST through the guard's
 * {@link WebhookNotifier}, which retries on network errors, timeouts, 408, 429 and 5xx
 * responses with a doubling pause. Other responses are final. Log lines and messages name the
 * URL without its query, because the query may carry a token.
 *
 * <p>The body is {@code {"event":"restore_test_failed","verdict":"failed","started":...,
 * "host":...,"report_id":...,"failures":[{"place","check","reason","next_step"}]}}.
 */
public final class RestoreTestWebhook implements FailureNotifier {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Failures listed in the body; the report has them all. */
    private static final int MAX_FAILURES = 20;

    private final WebhookNotifier notifier;

    /**
     * @param attempts how many times to send before giving up, at least 1
     * @param firstPause the pause after the first failed attempt, doubled after each next one
     */
    public RestoreTestWebhook(URI url, int attempts, Duration firstPause) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be 1 or more, not " + attempts);
        }
        this.notifier = new WebhookNotifier(new WebhookNotifier.Settings(url, Map.of(),
                attempts, TIMEOUT, firstPause), Clock.systemUTC());
    }

    /** Returns a webhook with 4 attempts, pausing 2, 4 and 8 s between them. */
    public static RestoreTestWebhook of(URI url) {
        return new RestoreTestWebhook(url, 4, Duration.ofSeconds(2));
    }

    /**
     * Returns the notifier that {@code restore-test.webhook} or {@code webhook-env} sets up,
     * or {@link FailureNotifier#NONE} when neither does. A variable that is not set or contains
     * no http(s) URL is a warning, and nothing is notified.
     */
    public static FailureNotifier configured(RestoreTestConfig config,
            Map<String, String> environment, Consumer<String> warnings) {
        Optional<String> url = config.webhook();
        if (url.isEmpty() && config.webhookEnv().isPresent()) {
            String variable = config.webhookEnv().get();
            url = Optional.ofNullable(environment.get(variable)).filter(v -> !v.isBlank());
            if (url.isEmpty()) {
                warnings.accept("environment variable " + variable + " of "
                        + "restore-test.webhook-env is not set, so no webhook is notified");
            }
        }
        if (url.isEmpty()) {
            return NONE;
        }
        try {
            URI uri = new URI(url.get());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
                    || uri.getHost() == null) {
                throw new URISyntaxException("(hidden)", "expected http:// or https:// with a "
                        + "host");
            }
            return of(uri);
        } catch (URISyntaxException e) {
            // The value may carry a token, so the warning names only the setting.
            warnings.accept("the restore test webhook URL is invalid: " + e.getReason()
                    + "; no webhook is notified");
            return NONE;
        }
    }

    /** Posts the failure and waits until the webhook accepted it or every attempt failed. */
    @Override
    public void restoreTestFailed(RestoreTestReport report, OptionalLong reportId)
            throws NotificationException {
        String subject = "restore test: webhook " + notifier.target();
        boolean delivered = notifier.post(subject, new String(body(report, reportId),
                StandardCharsets.UTF_8)).join();
        if (!delivered) {
            throw new NotificationException("webhook " + notifier.target() + " not notified "
                    + "of the failed restore test; see the warning above, check the URL in "
                    + "restore-test.webhook and that the receiver accepts JSON POSTs", null);
        }
    }

    static byte[] body(RestoreTestReport report, OptionalLong reportId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "restore_test_failed");
        body.put("verdict", report.verdict().label());
        body.put("started", report.started().toString());
        body.put("host", report.host());
        body.put("report_id", reportId.isPresent() ? reportId.getAsLong() : null);
        List<Map<String, Object>> failures = new ArrayList<>();
        for (Failure failure : report.failures().stream().limit(MAX_FAILURES).toList()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("place", failure.place());
            item.put("check", failure.check().name());
            item.put("reason", failure.check().reason());
            item.put("next_step", failure.check().nextStep());
            failures.add(item);
        }
        body.put("failures", failures);
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a map of strings as JSON", e);
        }
    }
}
