package dev.holdfast.repository.placement;

import dev.holdfast.storage.ContentCheck;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The objects that every target provider must hold, each with the check its bytes must pass:
 * a hash of the bytes for content-named objects, decoding or authentication for the others.
 * Keys are kept sorted so that a repair works through them in a stable order.
 */
public final class ExpectedObjects {
    private final TreeMap<String, ContentCheck> checks = new TreeMap<>();

    /** Adds an expected object; a key added twice keeps its first check. */
    public void add(String key, ContentCheck check) {
        checks.putIfAbsent(key, check);
    }

    /**
     * Returns the same objects, each with a stricter check: its own check first, then the one
     * that {@code extra} returns for its key.
     */
    public ExpectedObjects strengthened(Function<String, ContentCheck> extra) {
        ExpectedObjects strict = new ExpectedObjects();
        checks.forEach((key, check) -> {
            ContentCheck more = extra.apply(key);
            strict.add(key, bytes -> {
                String problem = check.problem(bytes);
                return problem != null ? problem : more.problem(bytes);
            });
        });
        return strict;
    }

    public boolean contains(String key) {
        return checks.containsKey(key);
    }

    public ContentCheck check(String key) {
        return checks.getOrDefault(key, ContentCheck.NONE);
    }

    public Set<String> keys() {
        return checks.navigableKeySet();
    }

    public int size() {
        return checks.size();
    }
}
