package dev.holdfast.restoretester.report;

import java.util.List;
import java.util.Objects;

/**
 * One check of a restore test, such as "content hashes" over every restored file.
 *
 * @param name what was checked, such as {@code content hashes}
 * @param status the outcome
 * @param checked how many items were checked, such as files
 * @param failed how many of them failed
 * @param reason why the check failed or was skipped, empty when it passed
 * @param nextStep what an operator should do about a failure, empty when it passed
 * @param examples some of the failed items, each with its detail; at most
 *     {@link #MAX_EXAMPLES}, so that a report stays small when every file fails
 */
public record Check(String name, CheckStatus status, long checked, long failed, String reason,
        String nextStep, List<String> examples) {
    /** Failed items listed per check; the rest are only counted. */
    public static final int MAX_EXAMPLES = 20;

    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : reason;
        nextStep = nextStep == null ? "" : nextStep;
        examples = examples == null ? List.of() : List.copyOf(examples);
    }

    /** Returns a passed check of {@code checked} items. */
    public static Check passed(String name, long checked) {
        return new Check(name, CheckStatus.PASSED, checked, 0, "", "", List.of());
    }

    /** Returns a failed check of one item. */
    public static Check failed(String name, String reason, String nextStep) {
        return new Check(name, CheckStatus.FAILED, 1, 1, reason, nextStep, List.of());
    }

    /** Returns a skipped check. */
    public static Check skipped(String name, String reason) {
        return new Check(name, CheckStatus.SKIPPED, 0, 0, reason, "", List.of());
    }
}
