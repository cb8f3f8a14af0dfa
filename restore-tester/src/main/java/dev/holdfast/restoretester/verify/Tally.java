package dev.holdfast.restoretester.verify;

import dev.holdfast.restoretester.report.Check;
import dev.holdfast.restoretester.report.CheckStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The running count of one check over many items: how many were checked, how many failed,
 * and the first few failures as examples.
 */
final class Tally {
    private final String name;
    private final String items;
    private long checked;
    private long failed;
    private final List<String> examples = new ArrayList<>();

    /**
     * @param name the check's name, such as {@code content hashes}
     * @param items what it counts, plural, such as {@code files}
     */
    Tally(String name, String items) {
        this.name = name;
        this.items = items;
    }

    void passed() {
        checked++;
    }

    /** Counts a failed item. {@code example} names it and what differs. */
    void failed(String example) {
        checked++;
        failed++;
        if (examples.size() < Check.MAX_EXAMPLES) {
            examples.add(example);
        }
    }

    long failures() {
        return failed;
    }

    /**
     * Returns the check. It failed with {@code reason} and {@code nextStep} when an item
     * failed, was skipped when there was nothing to check, and passed otherwise.
     */
    Check check(String reason, String nextStep) {
        if (failed > 0) {
            return new Check(name, CheckStatus.FAILED, checked, failed, failed + " of "
                    + checked + " " + items + " " + reason, nextStep, examples);
        }
        if (checked == 0) {
            return Check.skipped(name, "nothing to check: the snapshot has no " + items);
        }
        return Check.passed(name, checked);
    }
}
