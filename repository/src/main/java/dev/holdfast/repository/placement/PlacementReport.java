package dev.holdfast.repository.placement;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outcome of a placement check.
 *
 * @param objects expected objects checked
 * @param providers providers of the repository
 * @param violations objects whose copies break a rule, in key order
 * @param unconfirmed keys of objects whose listed copies break a rule, but would not if the
 *     unreachable providers hold them
 * @param unreachable providers that could not be listed, each with the error
 */
public record PlacementReport(int objects, int providers, List<PlacementViolation> violations,
        List<String> unconfirmed, Map<String, String> unreachable) {

    public PlacementReport {
        violations = List.copyOf(violations);
        unconfirmed = List.copyOf(unconfirmed);
        unreachable = Collections.unmodifiableMap(new LinkedHashMap<>(unreachable));
    }

    /** Returns whether every object's copies meet every rule on providers that were listed. */
    public boolean holds() {
        return violations.isEmpty() && unconfirmed.isEmpty() && unreachable.isEmpty();
    }

    /** Returns the keys of the objects whose listed copies do not meet every rule. */
    public Set<String> failing() {
        Set<String> keys = new HashSet<>(unconfirmed);
        violations.forEach(violation -> keys.add(violation.key()));
        return keys;
    }
}
