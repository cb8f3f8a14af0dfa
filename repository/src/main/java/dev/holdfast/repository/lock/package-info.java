/**
 * Locks: sealed objects under {@code locks/} that record who works on the repository. A
 * <em>shared</em> lock (backup, check, restore) allows other shared locks; an
 * <em>exclusive</em> lock (removing data) allows none. A lock carries host, process ID and a
 * heartbeat time; it is <em>stale</em> when its heartbeat is older than the stale age or its
 * process is gone from this host.
 */
package dev.holdfast.repository.lock;
