package dev.holdfast.repository.placement;

import java.util.List;

/**
 * An object whose copies break a placement rule.
 *
 * @param key the object's key
 * @param rule the configuration key of the broken rule: {@code copies}, {@code differ-by} or
 *     {@code exclude-jurisdictions}
 * @param providers names of the providers that list a copy, in configuration order
 * @param reason what is wrong, naming the providers
 */
public record PlacementViolation(String key, String rule, List<String> providers,
        String reason) {

    public PlacementViolation {
        providers = List.copyOf(providers);
    }

    @Override
    public String toString() {
        return key + ": rule " + rule + ": " + reason;
    }
}
