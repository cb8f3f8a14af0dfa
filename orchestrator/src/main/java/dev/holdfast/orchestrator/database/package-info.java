/**
 * The engine that talks to PostgreSQL and MariaDB sources: it runs their dump tools, reads
 * table statistics, restores dumps into a new database and swaps a restored database in place
 * of a damaged one.
 *
 * <p>Terms. A <em>source database</em> is one database on a server that {@link
 * ConnectionSettings} reach. A <em>dump stream</em> is one named file of a database backup
 * (the dump tool's output, {@code database.json}, {@code tables.json}, or PostgreSQL's
 * cluster-wide {@code globals.sql} with roles and tablespaces), read straight from the tool's
 * standard output. <em>Table statistics</em> are the row counts recorded with a dump, exact
 * below a size limit and estimated above it. A <em>reading</em> is one poll of a table's live
 * rows and change counters for the bulk-deletion guard. A <em>swap</em> puts a restored
 * database under the name of a damaged one and keeps the damaged one as the <em>kept
 * database</em> {@code <name>_damaged_<suffix>}.
 *
 * <p>Passwords come from a {@code char[]} supplier and reach child processes only through a
 * 0600 temporary file that is deleted when the process ends; they never appear in arguments,
 * log lines or exception messages. The JDBC drivers take the password as a {@code String},
 * which is the only copy kept beyond a call.
 */
package dev.holdfast.orchestrator.database;
