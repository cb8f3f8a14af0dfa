/**
 * Database sources as the commands and the service use them. A database snapshot is a stream
 * backup whose path is {@code ENGINE:SOURCE} and whose top folder, named after the source,
 * contains a folder per database with its dump, {@code database.json} and {@code tables.json}.
 * A rollback restores such a snapshot into a new database and swaps it in place of the
 * damaged one, after a forensic snapshot has kept the damaged state.
 */
package dev.holdfast.orchestrator.dbsource;
