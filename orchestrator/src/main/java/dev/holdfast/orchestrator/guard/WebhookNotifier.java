package dev.holdfast.orchestrator.guard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.holdfast.orchestrator.catalog.Incident;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts incident events to a webhook as JSON, on a virtual thread, so that the guard never
 * waits for the receiver: {@link #send} returns at once, and its future completes within
 * {@link #maxDuration()}. A failed attempt (connection error, timeout, status 408, 429 or 5xx)
 * is retried after a backoff that doubles; other statuses end the delivery. The final failure
 * is logged at WARN.
 *
 * <p>The URL may carry a token in its query, and the headers may carry credentials, so logs
 * and messages name the webhook only as scheme://host:port/path. The body holds what the
 * incident records, and no setting of the notifier.
 */
public final class WebhookNotifier implements AutoCloseable {
    /** The guard recorded an incident and froze the source's retention. */
    public static final String DETECTED = "incident.detected";
    /** A rollback restored the snapshot taken before the damage. */
    public static final String ROLLED_BACK = "incident.rolled_back";
    /** A rollback failed; the damaged database is still in place. */
    public static final String ROLLBACK_FAILED = "incident.rollback_failed";
    /** An operator lifted the freeze and closed the incident. */
    public static final String CLOSED = "incident.closed";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The webhook's address and delivery settings.
     *
     * @param url the webhook, http or https, without user information
     * @param headers request headers such as Authorization; never logged
     * @param attempts how many times a delivery is tried; 1 or more
     * @param timeout how long one attempt may take, connecting included
     * @param backoff the wait before the second attempt, doubled before each later one
     */
    public record Settings(URI url, Map<String, String> headers, int attempts, Duration timeout,
            Duration backoff) {
        public static final int DEFAULT_ATTEMPTS = 3;
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
        public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);

        public Settings {
            headers = Map.copyOf(headers);
            checkUrl(url);
            checkHeaders(url, headers);
            if (attempts < 1) {
                throw new IllegalArgumentException("invalid webhook attempts " + attempts
                        + " for " + redact(url) + ": expected 1 or more");
            }
            if (timeout.isNegative() || timeout.isZero() || backoff.isNegative()) {
                throw new IllegalArgumentException("invalid webhook timeout " + timeout
                        + " or backoff " + backoff + " for " + redact(url)
                        + ": expected a positive timeout and a backoff of zero or more");
            }
        }

        /** Returns the settings of {@code url}: 3 attempts of 5 s each, 1 s backoff. */
        public static Settings of(URI url) {
            return new Settings(url, Map.of(), DEFAULT_ATTEMPTS, DEFAULT_TIMEOUT,
                    DEFAULT_BACKOFF);
        }
    }

    private final Settings settings;
    private final Clock clock;
    private final String target;
    private final HttpClient client;
    private final ExecutorService executor;

    public WebhookNotifier(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.target = redact(settings.url());
        this.executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("webhook-", 0).factory());
        // The client keeps its own executor: closing this one must not fail a delivery that
        // close is still waiting for.
        // HTTP/1.1: the default upgrade headers of HTTP/2 are rejected by some receivers.
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Posts {@code event} about {@code incident} in the background and returns at once. The
     * future completes with true once the webhook accepted the event (status 2xx), or with
     * false once every attempt failed or {@link #maxDuration()} passed; it never completes
     * exceptionally. A delivery still under way at that bound goes on in the background.
     */
    public CompletableFuture<Boolean> send(String event, Incident incident) {
        return post("guard " + incident.source() + ": webhook " + target + " for incident "
                + incident.id() + " (" + event + ")", body(event, incident, clock));
    }

    /**
     * Posts {@code body}, a JSON document, as {@link #send} does; {@code subject} starts the
     * log lines about the delivery and must not contain the URL.
     */
    public CompletableFuture<Boolean> post(String subject, String body) {
        return CompletableFuture.supplyAsync(() -> deliver(subject, body), executor)
                .completeOnTimeout(false, maxDuration().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Returns the webhook as logs may show it: scheme://host:port/path. */
    public String target() {
        return target;
    }

    /**
     * Returns how long the future of {@link #send} takes at most: every attempt's timeout,
     * which bounds connecting and the response each, and every backoff.
     */
    public Duration maxDuration() {
        Duration total = settings.timeout().multipliedBy(2L * settings.attempts());
        Duration backoff = settings.backoff();
        for (int attempt = 1; attempt < settings.attempts(); attempt++) {
            total = total.plus(backoff);
            backoff = backoff.multipliedBy(2);
        }
        return total;
    }

    private boolean deliver(String subject, String body) {
        Duration backoff = settings.backoff();
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            Attempt result = attempt(body);
            if (result.delivered()) {
                LOG.debug("{} delivered on attempt {}", subject, attempt);
                return true;
            }
            if (!result.retry() || attempt == settings.attempts()) {
                LOG.warn("{} failed after {} of {} attempts: {}", subject, attempt,
                        settings.attempts(), result.reason());
                return false;
            }
            LOG.info("{} failed on attempt {} of {}, retrying in {} ms: {}", subject, attempt,
                    settings.attempts(), backoff.toMillis(), result.reason());
            if (!sleep(backoff)) {
                LOG.warn("{} abandoned after attempt {}: the notifier was closed", subject,
                        attempt);
                return false;
            }
            backoff = backoff.multipliedBy(2);
        }
        return false;
    }

    private Attempt attempt(String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.url())
                .timeout(settings.timeout()).header("Content-Type", "application/json")
                .header("User-Agent", "holdfast").POST(HttpRequest.BodyPublishers.ofString(body));
        settings.headers().forEach(request::header);
        try {
            HttpResponse<Void> response = client.send(request.build(),
                    HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            boolean retry = status == 408 || status == 429 || status >= 500;
            return new Attempt(status / 100 == 2, retry, "status " + status);
        } catch (IOException e) {
            return new Attempt(false, true, reason(e));
        } catch (RuntimeException e) {
            // Such as a request the client rejects: trying again cannot help.
            return new Attempt(false, false, reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(false, false, "interrupted");
        }
    }

    private static boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Returns the error's type and message, with the URL's secret parts left out. */
    private String reason(Exception error) {
        String message = error.getMessage() == null ? "" : ": " + error.getMessage()
                .replace(settings.url().toString(), target);
        String query = settings.url().getRawQuery();
        if (query != null) {
            message = message.replace(query, "…");
        }
        return error.getClass().getSimpleName() + message;
    }

    /** Builds the JSON body of {@code event}: the incident as the catalog stores it. */
    static String body(String event, Incident incident, Clock clock) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("event", event);
        view.put("time", clock.instant().toString());
        view.put("source", incident.source());
        view.put("incident_id", incident.id());
        view.put("state", incident.state());
        view.put("rule", incident.rule());
        view.put("action", incident.action());
        view.put("detected_at", incident.detectedAt().toString());
        view.put("intact_at", incident.intactAt().toString());
        view.put("forensic_snapshot", incident.forensicSnapshotId());
        view.put("restored_snapshot", incident.restoredSnapshotId());
        view.put("damaged_database", incident.damagedDatabase());
        view.put("message", incident.message());
        view.put("tables", incident.tables().stream().map(WebhookNotifier::table).toList());
        try {
            return JSON.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot encode incident " + incident.id(), e);
        }
    }

    private static Map<String, Object> table(Incident.Table table) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("schema", table.schema());
        view.put("table", table.table());
        view.put("rule", table.rule());
        view.put("rows_before", table.rowsBefore() < 0 ? null : table.rowsBefore());
        view.put("rows_after", table.rowsAfter() < 0 ? null : table.rowsAfter());
        view.put("before_at", table.beforeAt().toString());
        view.put("estimated", table.estimated());
        return view;
    }

    /**
     * Returns the URL as logs may show it: scheme://host:port/path, without user information,
     * query or fragment, which can carry credentials.
     */
    public static String redact(URI url) {
        String scheme = url.getScheme() == null ? "?" : url.getScheme();
        int port = url.getPort();
        if (port < 0) {
            port = "https".equalsIgnoreCase(scheme) ? 443 : 80;
        }
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/"
                : url.getRawPath();
        return scheme + "://" + url.getHost() + ":" + port + path;
    }

    private static void checkUrl(URI url) {
        String scheme = url.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)
                || url.getHost() == null) {
            throw new IllegalArgumentException("invalid webhook URL " + redact(url)
                    + ": expected http:// or https:// with a host name");
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("webhook URL " + redact(url) + " carries user "
                    + "information, which the HTTP client does not send: put the credentials "
                    + "in a header or in the query instead");
        }
    }

    private static void checkHeaders(URI url, Map<String, String> headers) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            try {
                HttpRequest.newBuilder(url).header(header.getKey(), header.getValue());
            } catch (IllegalArgumentException e) {
                // The JDK's message may quote the value, which can be a credential.
                throw new IllegalArgumentException("invalid webhook header \"" + header.getKey()
                        + "\" for " + redact(url) + ": the HTTP client sets it itself, or its "
                        + "name or value has characters that HTTP does not allow");
            }
        }
    }

    /**
     * Stops accepting events and waits up to one attempt's timeout for deliveries under way;
     * those still running then are abandoned.
     */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        client.shutdownNow();
    }

    /** The outcome of one attempt. */
    private record Attempt(boolean delivered, boolean retry, String reason) {
    }
}
