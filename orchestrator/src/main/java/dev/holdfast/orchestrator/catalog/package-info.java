/**
 * The catalog database: the history of job runs and of restore test reports, and a cache of
 * what the repository holds (snapshot summaries, provider health). It lives in an embedded H2
 * file by default or in PostgreSQL, and Flyway migrates its schema. The repository stays the
 * source of truth: {@code holdfast catalog rebuild} recreates the cached tables from the
 * providers alone. The bulk-deletion guard's incidents and retention freezes are the
 * exception: they exist only in the catalog.
 */
package dev.holdfast.orchestrator.catalog;
