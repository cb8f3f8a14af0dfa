package dev.holdfast.orchestrator.restoretest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.holdfast.orchestrator.config.RestoreTestConfig;
import dev.holdfast.restoretester.report.RestoreTestReport;
import dev.holdfast.restoretester.report.RestoreTestReport.Failure;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a failed restore test to a webhook as a JSON POST, retrying on network errors,
 * 429 and 5xx responses with a doubling pause. Other responses are final. Log lines and
 * messages name only the URL's host, because its path or query may carry a token.
 *
 * <p>The body is {@code {"event":"restore_test_failed","verdict":"failed","started":...,
 * "host":...,"report_id":...,"failures":[{"place","check","reason","next_step"}]}}.
 */
public final class RestoreTestWebhook implements FailureNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreTestWebhook.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Failures listed in the body; the report has them all. */
    private static final int MAX_FAILURES = 20;

    private final URI url;
    private final int attempts;
    private final Duration firstPause;
    private final HttpClient client;

    /**
     * @param attempts how many times to send before giving up, at least 1
     * @param firstPause the pause after the first failed attempt, doubled after each next one
     */
    public RestoreTestWebhook(URI url, int attempts, Duration firstPause) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be 1 or more, not " + attempts);
        }
        this.url = url;
        this.attempts = attempts;
        this.firstPause = firstPause;
        this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
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

    @Override
    public void restoreTestFailed(RestoreTestReport report, OptionalLong reportId)
            throws NotificationException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(report, reportId))).build();
        String last = "";
        Duration pause = firstPause;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                int status = client.send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (status / 100 == 2) {
                    LOG.info("restore test: webhook at {} notified (status {})", url.getHost(),
                            status);
                    return;
                }
                last = "status " + status;
                if (status != 429 && status / 100 != 5) {
                    break;
                }
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? ""
                        : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotificationException("webhook at " + url.getHost()
                        + " not notified: interrupted", e);
            }
            LOG.warn("restore test: webhook at {} failed, attempt {} of {}: {}", url.getHost(),
                    attempt, attempts, last);
            if (attempt < attempts && !sleep(pause)) {
                break;
            }
            pause = pause.multipliedBy(2);
        }
        throw new NotificationException("webhook at " + url.getHost() + " not notified of the "
                + "failed restore test: " + last + "; check the URL in restore-test.webhook "
                + "and that the receiver accepts JSON POSTs", null);
    }

    private static boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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
