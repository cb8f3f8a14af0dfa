package dev.holdfast.repository.placement;

import java.util.Set;

/**
 * How many copies each object gets and where they may go.
 *
 * @param copies providers that store each object
 * @param differBy facts that must differ between any two providers holding a copy
 * @param excludedJurisdictions regimes that no provider of the repository may answer to
 * @param writeQuorum copies a write needs to succeed, from 1 to {@code copies}
 */
public record PlacementRules(int copies, Set<Fact> differBy, Set<String> excludedJurisdictions,
        int writeQuorum) {
    /** One copy on one provider, the rules of a configuration that sets none. */
    public static final PlacementRules SINGLE = new PlacementRules(1, Set.of(), Set.of(), 1);

    public PlacementRules {
        differBy = Set.copyOf(differBy);
        excludedJurisdictions = Set.copyOf(excludedJurisdictions);
    }
}
