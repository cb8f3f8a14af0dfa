/**
 * The HTTP API of {@code holdfast serve}: JSON endpoints for health, jobs, job runs, snapshots
 * and provider health, a trigger for each job, Prometheus metrics, and the restore test
 * reports as self-contained HTML pages, JSON and a JSON Feed. It is served over TLS
 * to clients that present a certificate from the orchestrator's own certificate authority.
 * The TLS handshake rejects every other client before a request is read.
 */
package dev.holdfast.orchestrator.api;
