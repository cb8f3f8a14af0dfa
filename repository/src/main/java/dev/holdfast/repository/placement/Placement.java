package dev.holdfast.repository.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The providers that receive each written object, chosen once from the repository's providers
 * so that the placement rules hold. Providers beyond the chosen ones are still read from.
 *
 * @param rules the rules that the choice satisfies
 * @param targets names of the providers that receive each object, {@code rules.copies()} of
 *     them, in configuration order
 * @param providers the facts of every provider of the repository, in configuration order
 */
public record Placement(PlacementRules rules, List<String> targets,
        List<ProviderFacts> providers) {

    public Placement {
        targets = List.copyOf(targets);
        providers = List.copyOf(providers);
    }

    /** Creates a placement over the targets alone, none of whose facts are known. */
    public Placement(PlacementRules rules, List<String> targets) {
        this(rules, targets, targets.stream().map(ProviderFacts::unknown).toList());
    }

    /** Returns the facts of the provider named {@code name}; none when it is not listed. */
    public ProviderFacts facts(String name) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseGet(() -> ProviderFacts.unknown(name));
    }

    /**
     * Chooses the providers that satisfy {@code rules}: the first combination, in configuration
     * order, whose members differ pairwise in every fact of {@code differ-by}.
     *
     * @throws PlacementException naming the rule that cannot be met and the providers involved
     */
    public static Placement plan(PlacementRules rules, List<ProviderFacts> providers)
            throws PlacementException {
        checkCounts(rules, providers);
        checkExclusions(rules, providers);
        checkFactsPresent(rules, providers);
        List<ProviderFacts> best = largestDiffering(rules, providers);
        if (best.size() < rules.copies()) {
            throw new PlacementException("differ-by", "placement rule differ-by "
                    + keys(rules) + " with copies " + rules.copies() + " cannot be met: no "
                    + rules.copies() + " of the providers " + describe(providers)
                    + " differ pairwise in " + keys(rules) + "; at most " + best.size()
                    + " do (" + names(best) + "); add a provider that differs from these, or "
                    + "lower copies");
        }
        return new Placement(rules, best.stream().map(ProviderFacts::name).toList(), providers);
    }

    /**
     * Returns the first largest combination of {@code providers}, in their order and at most
     * {@code rules.copies()} of them, whose members differ pairwise in every fact of
     * {@code differ-by}.
     */
    static List<ProviderFacts> largestDiffering(PlacementRules rules,
            List<ProviderFacts> providers) {
        List<ProviderFacts> best = new ArrayList<>();
        search(rules, providers, 0, new ArrayList<>(), best);
        return best;
    }

    private static void checkCounts(PlacementRules rules, List<ProviderFacts> providers)
            throws PlacementException {
        if (rules.copies() < 1) {
            throw new PlacementException("copies", "invalid placement rule copies "
                    + rules.copies() + ": expected at least 1");
        }
        if (rules.writeQuorum() < 1 || rules.writeQuorum() > rules.copies()) {
            throw new PlacementException("write-quorum", "invalid placement rule write-quorum "
                    + rules.writeQuorum() + ": expected 1 to copies (" + rules.copies() + ")");
        }
        if (providers.size() < rules.copies()) {
            throw new PlacementException("copies", "placement rule copies " + rules.copies()
                    + " cannot be met: the repository has " + providers.size() + " provider"
                    + (providers.size() == 1 ? "" : "s") + " (" + names(providers)
                    + "); add providers to repository.providers or lower copies");
        }
    }

    private static void checkExclusions(PlacementRules rules, List<ProviderFacts> providers)
            throws PlacementException {
        List<String> excluded = new ArrayList<>();
        for (ProviderFacts provider : providers) {
            List<String> regimes = provider.excludedBy(rules.excludedJurisdictions());
            if (!regimes.isEmpty()) {
                excluded.add("\"" + provider.name() + "\" (" + String.join(", ", regimes) + ")");
            }
        }
        if (!excluded.isEmpty()) {
            throw new PlacementException("exclude-jurisdictions", "placement rule "
                    + "exclude-jurisdictions " + rules.excludedJurisdictions().stream().sorted()
                    .toList() + " is broken by provider " + String.join(", ", excluded)
                    + ": remove the provider from repository.providers");
        }
    }

    private static void checkFactsPresent(PlacementRules rules, List<ProviderFacts> providers)
            throws PlacementException {
        for (Fact fact : rules.differBy()) {
            List<ProviderFacts> lacking = providers.stream().filter(p -> !p.has(fact)).toList();
            if (!lacking.isEmpty()) {
                throw new PlacementException("differ-by", "placement rule differ-by "
                        + keys(rules) + " needs the " + fact.key() + " of every provider, but "
                        + names(lacking) + " set" + (lacking.size() == 1 ? "s" : "")
                        + " none: add " + fact.key() + " to the provider");
            }
        }
    }

    /**
     * Extends {@code chosen} depth-first in configuration order and keeps the largest valid
     * combination in {@code best}; stops at the first one of full size. Repositories have a
     * handful of providers, so the search is small.
     */
    private static boolean search(PlacementRules rules, List<ProviderFacts> providers, int from,
            List<ProviderFacts> chosen, List<ProviderFacts> best) {
        if (chosen.size() > best.size()) {
            best.clear();
            best.addAll(chosen);
        }
        if (chosen.size() == rules.copies()) {
            return true;
        }
        for (int i = from; i < providers.size(); i++) {
            ProviderFacts candidate = providers.get(i);
            if (differsFromAll(rules, candidate, chosen)) {
                chosen.add(candidate);
                if (search(rules, providers, i + 1, chosen, best)) {
                    return true;
                }
                chosen.removeLast();
            }
        }
        return false;
    }

    private static boolean differsFromAll(PlacementRules rules, ProviderFacts candidate,
            List<ProviderFacts> chosen) {
        for (ProviderFacts other : chosen) {
            for (Fact fact : rules.differBy()) {
                if (!candidate.differs(other, fact)) {
                    return false;
                }
            }
        }
        return true;
    }

    static String keys(PlacementRules rules) {
        return rules.differBy().stream().sorted().map(Fact::key)
                .collect(Collectors.joining(", ", "[", "]"));
    }

    static String names(List<ProviderFacts> providers) {
        return providers.stream().map(p -> "\"" + p.name() + "\"")
                .collect(Collectors.joining(", "));
    }

    private static String describe(List<ProviderFacts> providers) {
        return providers.stream().map(ProviderFacts::describe).collect(Collectors.joining(", "));
    }
}
