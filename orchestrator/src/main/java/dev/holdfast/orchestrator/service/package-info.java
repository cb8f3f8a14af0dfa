/**
 * What {@code holdfast serve} adds to the commands: the catalog lock, by which scheduled jobs
 * that write one repository take turns across the nodes, and the removal of the job store file
 * that older versions kept in the service's state folder.
 */
package dev.holdfast.orchestrator.service;
