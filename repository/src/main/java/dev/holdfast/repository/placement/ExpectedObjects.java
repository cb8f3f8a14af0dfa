package dev.holdfast.repository.placement;

import dev.holdfast.storage.ContentCheck;
import java.util.Set;
import java.util.TreeMap;

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
