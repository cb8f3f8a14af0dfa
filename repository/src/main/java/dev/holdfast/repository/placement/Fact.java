package dev.holdfast.repository.placement;

import java.util.Locale;
import java.util.Optional;

/** A fact of a provider that placement rules can require to differ between copies. */
public enum Fact {
    OPERATOR,
    LOCATION,
    JURISDICTION;

    /** Returns the name used in the configuration file, such as {@code operator}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the fact whose configuration name is {@code key}, if any. */
    public static Optional<Fact> ofKey(String key) {
        for (Fact fact : values()) {
            if (fact.key().equals(key)) {
                return Optional.of(fact);
            }
        }
        return Optional.empty();
    }
}
