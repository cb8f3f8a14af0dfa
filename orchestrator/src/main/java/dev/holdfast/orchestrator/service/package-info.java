/**
 * The state of {@code holdfast serve} on this machine: the database that holds Quartz's job
 * store, an H2 file in the service's state folder.
 */
package dev.holdfast.orchestrator.service;
