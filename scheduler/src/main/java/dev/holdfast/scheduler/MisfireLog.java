package dev.holdfast.scheduler;

import java.util.Map;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.listeners.TriggerListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs each missed fire time with the misfire policy that decides what happens to it. */
final class MisfireLog extends TriggerListenerSupport {
    private static final Logger LOG = LoggerFactory.getLogger(MisfireLog.class);

    private final Map<String, Schedule> schedules;

    MisfireLog(Map<String, Schedule> schedules) {
        this.schedules = schedules;
    }

    @Override
    public String getName() {
        return "holdfast-misfire-log";
    }

    @Override
    public void triggerMisfired(Trigger trigger) {
        if (Scheduler.DEFAULT_RECOVERY_GROUP.equals(trigger.getKey().getGroup())) {
            // Quartz's recovery triggers are due at the fire time of the run they repeat, so
            // they are late by design, and Quartz fires them now whatever the policy.
            LOG.info("job {}: recovering a run due at {} now", trigger.getJobKey().getName(),
                    trigger.getNextFireTime().toInstant());
            return;
        }
        String name = trigger.getKey().getName();
        Schedule schedule = schedules.get(name);
        String policy = schedule == null ? "unknown" : schedule.misfire().configName();
        String action = schedule == null ? "" : action(schedule.misfire());
        // Quartz calls this before it moves the next fire time, so it is still the missed one.
        LOG.warn("job {}: missed its fire time {}; misfire policy {}: {}", name,
                trigger.getNextFireTime().toInstant(), policy, action);
    }

    static String action(MisfirePolicy policy) {
        return switch (policy) {
            case RUN_ONCE -> "running it once now";
            case SKIP -> "waiting for the next fire time";
        };
    }
}
