/**
 * Runs Holdfast's jobs on cron schedules with Quartz. A {@link dev.holdfast.scheduler.Schedule}
 * names a job, its kind, a Quartz cron expression, a time zone and a
 * {@link dev.holdfast.scheduler.MisfirePolicy}: what happens to a fire time missed while no
 * scheduler ran. {@link dev.holdfast.scheduler.JobScheduler} fires the jobs and hands each run
 * to a {@link dev.holdfast.scheduler.JobRunner} that the application implements; the jobs and
 * triggers live in memory or in Quartz's tables on a JDBC database, where several nodes can
 * share them as a cluster. This package knows nothing of repositories: a job's kind is only a
 * label for the runner.
 */
package dev.holdfast.scheduler;
