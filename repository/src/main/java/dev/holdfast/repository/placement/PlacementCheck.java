package dev.holdfast.repository.placement;

import dev.holdfast.storage.Provider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares the providers that list each expected object with the placement rules: at least
 * {@code copies} of them must hold it, be subject to no excluded jurisdiction, and differ
 * pairwise in every fact of {@code differ-by}. Every provider of the repository counts, not only the
 * targets, because a copy on any of them can be read. Only listings are compared; no bytes are
 * read.
 */
public final class PlacementCheck {
    private final Placement placement;
    private final List<Provider> providers;

    /**
     * @param placement the rules, and the facts of every provider
     * @param providers every provider of the repository, in configuration order
     */
    public PlacementCheck(Placement placement, List<Provider> providers) {
        this.placement = placement;
        this.providers = List.copyOf(providers);
    }

    /** Checks every expected object. A provider that cannot be listed is reported, not thrown. */
    public PlacementReport run(ExpectedObjects expected) {
        Map<String, String> unreachable = new LinkedHashMap<>();
        Map<Provider, Inventory> inventories = Inventory.ofEach(providers, unreachable, "check");
        List<ProviderFacts> unlisted = unreachable.keySet().stream().map(placement::facts)
                .toList();
        List<PlacementViolation> violations = new ArrayList<>();
        List<String> unconfirmed = new ArrayList<>();
        for (String key : expected.keys()) {
            List<ProviderFacts> holders = new ArrayList<>();
            inventories.forEach((provider, inventory) -> {
                if (inventory.has(key)) {
                    holders.add(placement.facts(provider.name()));
                }
            });
            Optional<PlacementViolation> violation = violation(key, holders);
            if (violation.isEmpty()) {
                continue;
            }
            List<ProviderFacts> perhaps = new ArrayList<>(holders);
            perhaps.addAll(unlisted);
            if (!unlisted.isEmpty() && violation(key, perhaps).isEmpty()) {
                unconfirmed.add(key);
            } else {
                violations.add(violation.get());
            }
        }
        return new PlacementReport(expected.size(), providers.size(), violations, unconfirmed,
                unreachable);
    }

    /** Returns the rule that copies on {@code holders} break, naming the first that applies. */
    Optional<PlacementViolation> violation(String key, List<ProviderFacts> holders) {
        PlacementRules rules = placement.rules();
        List<ProviderFacts> allowed = holders.stream()
                .filter(h -> h.excludedBy(rules.excludedJurisdictions()).isEmpty()).toList();
        if (Placement.largestDiffering(rules, allowed).size() >= rules.copies()) {
            return Optional.empty();
        }
        List<String> names = holders.stream().map(ProviderFacts::name).toList();
        String listed = holders.isEmpty() ? "" : " (" + Placement.names(holders) + ")";
        if (holders.size() < rules.copies()) {
            String conflicts = conflicts(rules, holders);
            return Optional.of(new PlacementViolation(key, "copies", names, "stored on "
                    + holders.size() + " of " + rules.copies() + " providers" + listed
                    + (conflicts.isEmpty() ? "" : ", and " + conflicts)));
        }
        if (allowed.size() < rules.copies()) {
            List<String> excluded = new ArrayList<>();
            for (ProviderFacts holder : holders) {
                List<String> regimes = holder.excludedBy(rules.excludedJurisdictions());
                if (!regimes.isEmpty()) {
                    excluded.add("\"" + holder.name() + "\" answers to "
                            + String.join("+", regimes));
                }
            }
            return Optional.of(new PlacementViolation(key, "exclude-jurisdictions", names,
                    String.join(", ", excluded) + ", which the rule excludes, so "
                    + allowed.size() + " of " + rules.copies() + " copies count"));
        }
        return Optional.of(new PlacementViolation(key, "differ-by", names, "no "
                + rules.copies() + " of the providers holding it" + listed + " differ pairwise in "
                + Placement.keys(rules) + ": " + conflicts(rules, allowed)));
    }

    /** Describes every pair of {@code holders} that does not differ in a fact of differ-by. */
    private static String conflicts(PlacementRules rules, List<ProviderFacts> holders) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < holders.size(); i++) {
            for (int j = i + 1; j < holders.size(); j++) {
                ProviderFacts first = holders.get(i);
                ProviderFacts second = holders.get(j);
                for (Fact fact : rules.differBy().stream().sorted().toList()) {
                    if (!first.differs(second, fact)) {
                        pairs.add("\"" + first.name() + "\" and \"" + second.name()
                                + "\" share " + first.shared(second, fact));
                    }
                }
            }
        }
        return String.join(", ", pairs);
    }
}
