package dev.holdfast.orchestrator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsExchange;
import dev.holdfast.orchestrator.catalog.Catalog;
import dev.holdfast.orchestrator.catalog.CatalogException;
import dev.holdfast.scheduler.Schedule;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each request to its endpoint, writes the response and logs one line per request at
 * DEBUG. The line names the method, the path without its query, the client's certificate
 * subject, the status and the time taken. Headers are never logged, because they may carry
 * credentials.
 */
final class ApiHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String JSON_TYPE = "application/json";
    /** The content type of Prometheus's text exposition format 0.0.4. */
    static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final Pattern TRIGGER = Pattern.compile("/jobs/([^/]+)/trigger");
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 1000;
    private static final String ENDPOINTS = "GET /health, /jobs, /runs, /snapshots, /providers, "
            + "/metrics or /reports, or POST /jobs/NAME/trigger";
    /**
     * The policy of the report pages: they run no script and load nothing, and inline styles
     * are all they need.
     */
    static final String PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
            + "frame-ancestors 'none'";

    private final ApiServices services;
    private final ReportPages reports;

    ApiHandler(ApiServices services) {
        this.services = services;
        this.reports = new ReportPages(ZoneId.systemDefault());
    }

    /** A response to send: status, content type and body. */
    record Response(int status, String contentType, byte[] body, String allow) {
        static Response json(int status, Object value) throws JsonProcessingException {
            return new Response(status, JSON_TYPE, JSON.writeValueAsBytes(value), null);
        }

        static Response error(int status, String message) throws JsonProcessingException {
            return json(status, ApiViews.error(message));
        }
    }

    /** A request that cannot be served as sent; the message goes to the client. */
    static final class RequestError extends Exception {
        private final int status;
        private final String allow;

        RequestError(int status, String message, String allow) {
            super(message);
            this.status = status;
            this.allow = allow;
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.transferTo(OutputStream.nullOutputStream());
            Response response = respond(method, path, exchange.getRequestURI().getRawQuery(),
                    client(exchange), base(exchange));
            if (response.allow() != null) {
                exchange.getResponseHeaders().set("Allow", response.allow());
            }
            if (response.contentType().equals(ReportPages.HTML_TYPE)) {
                exchange.getResponseHeaders().set("Content-Security-Policy", PAGE_POLICY);
                exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            }
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.sendResponseHeaders(response.status(), response.body().length);
            exchange.getResponseBody().write(response.body());
            LOG.debug("api: {} {} from {}: {} in {} ms", method, path, client(exchange),
                    response.status(), (System.nanoTime() - started) / 1_000_000);
        }
    }

    private Response respond(String method, String path, String query, String client,
            String base) throws JsonProcessingException {
        try {
            if (ReportPages.matches(path)) {
                require(method, "GET", path);
                return reports.respond(path, base, services.catalog().get());
            }
            return route(method, path, query, client);
        } catch (RequestError e) {
            return new Response(e.status, JSON_TYPE, JSON.writeValueAsBytes(
                    ApiViews.error(e.getMessage())), e.allow);
        } catch (CatalogException e) {
            return Response.error(503, e.getMessage());
        } catch (SchedulerException | RuntimeException e) {
            LOG.error("api: {} {} failed: {}", method, path, e.toString(), e);
            return Response.error(500, "internal error while serving " + path
                    + "; the service log has the details");
        }
    }

    private Response route(String method, String path, String query, String client)
            throws RequestError, CatalogException, SchedulerException, JsonProcessingException {
        Matcher trigger = TRIGGER.matcher(path);
        if (trigger.matches()) {
            require(method, "POST", path);
            return trigger(trigger.group(1), client);
        }
        switch (path) {
            case "/health", "/jobs", "/runs", "/snapshots", "/providers", "/metrics" ->
                    require(method, "GET", path);
            default -> throw new RequestError(404, "no endpoint " + path + ": expected "
                    + ENDPOINTS, null);
        }
        return switch (path) {
            case "/health" -> health();
            case "/jobs" -> jobs();
            case "/runs" -> Response.json(200, services.catalog().get().jobRuns()
                    .recent(limit(query)).stream().map(ApiViews::run).toList());
            case "/snapshots" -> Response.json(200, services.catalog().get().snapshots().list()
                    .stream().map(ApiViews::snapshot).toList());
            case "/providers" -> Response.json(200, services.catalog().get().providerHealth()
                    .latest().stream().map(ApiViews::provider).toList());
            default -> metrics();
        };
    }

    private static void require(String method, String allowed, String path)
            throws RequestError {
        if (!method.equals(allowed)) {
            throw new RequestError(405, "method " + method + " not allowed on " + path
                    + ": use " + allowed, allowed);
        }
    }

    private Response health() throws SchedulerException, JsonProcessingException {
        boolean scheduler = services.scheduler().running();
        boolean catalog = services.catalog().reachable();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("status", scheduler && catalog ? "ok" : "degraded");
        view.put("version", services.version());
        view.put("scheduler_running", scheduler);
        view.put("catalog_reachable", catalog);
        return Response.json(scheduler && catalog ? 200 : 503, view);
    }

    private Response jobs() throws SchedulerException, JsonProcessingException {
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (Schedule schedule : services.schedules()) {
            jobs.add(ApiViews.job(schedule,
                    services.scheduler().nextFireTime(schedule.jobName())));
        }
        return Response.json(200, jobs);
    }

    private Response trigger(String job, String client) throws RequestError,
            SchedulerException, JsonProcessingException {
        if (!services.scheduler().triggerNow(job)) {
            throw new RequestError(404, "unknown job \"" + job + "\": expected one of "
                    + services.schedules().stream().map(Schedule::jobName).toList(), null);
        }
        // Who started a job matters to an operator reading the log later.
        LOG.info("api: {} triggered job {}", client, job);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("job", job);
        view.put("triggered_at", services.clock().instant().toString());
        return Response.json(202, view);
    }

    private Response metrics() {
        boolean scheduler;
        try {
            scheduler = services.scheduler().running();
        } catch (SchedulerException e) {
            scheduler = false;
        }
        String text = services.metrics().scrape(catalogOrNull(), scheduler,
                services.clock().instant());
        return new Response(200, PROMETHEUS_TYPE, text.getBytes(StandardCharsets.UTF_8), null);
    }

    private Catalog catalogOrNull() {
        try {
            return services.catalog().get();
        } catch (CatalogException e) {
            return null;
        }
    }

    /** Returns the {@code limit} query parameter of /runs, or its default. */
    static int limit(String query) throws RequestError {
        String value = parameter(query, "limit");
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Reported below with the accepted range.
        }
        throw new RequestError(400, "invalid limit \"" + value + "\": expected a whole number "
                + "from 1 to " + MAX_LIMIT, null);
    }

    private static String parameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                return equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1),
                        StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /**
     * Returns {@code https://} and the Host header the client sent, or null without one. The
     * feed's absolute URLs use it, so that they name the address the client reached.
     */
    private static String base(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        return host == null || host.isBlank() || !host.matches("[A-Za-z0-9.:\\[\\]-]+")
                ? null : "https://" + host;
    }

    private static String client(HttpExchange exchange) {
        if (exchange instanceof HttpsExchange https) {
            try {
                return https.getSSLSession().getPeerPrincipal().getName();
            } catch (SSLPeerUnverifiedException e) {
                return "an unverified client";
            }
        }
        return String.valueOf(exchange.getRemoteAddress());
    }
}
