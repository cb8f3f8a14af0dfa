package dev.holdfast.scheduler;

import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * One scheduled job: when it fires and what it does about missed fire times.
 *
 * @param jobName unique name of the job, such as {@code backup:documents}
 * @param kind what the job does, such as {@code backup}; the scheduler only passes it on
 * @param cron Quartz cron expression with seconds first, such as {@code 0 30 2 * * ?}
 * @param zone time zone in which the cron expression's fields are read
 * @param misfire what the trigger does about fire times missed while no scheduler ran
 * @param source the source that the job reads, such as {@code documents}, or empty for a job
 *     of the whole repository; log lines name it
 */
public record Schedule(String jobName, String kind, String cron, ZoneId zone,
        MisfirePolicy misfire, Optional<String> source) {

    /** The form of a cron expression, for error messages. */
    public static final String CRON_FORM = "a Quartz cron expression with six or seven fields "
            + "(second minute hour day-of-month month day-of-week [year]), such as "
            + "\"0 30 2 * * ?\" for 02:30 every day";

    public Schedule {
        Objects.requireNonNull(jobName, "jobName");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(misfire, "misfire");
        Objects.requireNonNull(source, "source");
        Optional<String> problem = cronProblem(cron);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("invalid cron expression \"" + cron
                    + "\" for job " + jobName + ": " + problem.get());
        }
    }

    /** Creates a schedule of a job that reads no particular source. */
    public Schedule(String jobName, String kind, String cron, ZoneId zone,
            MisfirePolicy misfire) {
        this(jobName, kind, cron, zone, misfire, Optional.empty());
    }

    /**
     * Returns why {@code expression} is not a valid Quartz cron expression, or empty when it is
     * valid and fires at least once more in the future.
     */
    public static Optional<String> cronProblem(String expression) {
        if (expression == null || expression.isBlank()) {
            return Optional.of("the expression is empty");
        }
        try {
            CronExpression parsed = new CronExpression(expression);
            if (parsed.getNextValidTimeAfter(new Date()) == null) {
                return Optional.of("it never fires again");
            }
            return Optional.empty();
        } catch (ParseException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Returns the next {@code count} fire times strictly after {@code after}, computed by
     * Quartz's cron rules in {@link #zone}; fewer when the expression stops firing.
     */
    public List<Instant> nextFireTimes(Instant after, int count) {
        CronExpression expression = expression();
        List<Instant> times = new ArrayList<>();
        Date time = Date.from(after);
        while (times.size() < count) {
            time = expression.getNextValidTimeAfter(time);
            if (time == null) {
                break;
            }
            times.add(time.toInstant());
        }
        return times;
    }

    private CronExpression expression() {
        try {
            CronExpression expression = new CronExpression(cron);
            expression.setTimeZone(TimeZone.getTimeZone(zone));
            return expression;
        } catch (ParseException e) {
            throw new IllegalStateException("cron expression checked at construction", e);
        }
    }
}
