package dev.holdfast.orchestrator.config;

import dev.holdfast.orchestrator.config.ConfigDocument.ProviderSection;
import dev.holdfast.orchestrator.config.ConfigDocument.RepositorySection;
import dev.holdfast.repository.placement.Fact;
import dev.holdfast.repository.placement.Placement;
import dev.holdfast.repository.placement.PlacementException;
import dev.holdfast.repository.placement.PlacementRules;
import dev.holdfast.repository.placement.ProviderFacts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the facts of provider entries and the placement rules of the repository section, and
 * checks at start-up that the repository's providers can satisfy the rules.
 */
final class PlacementReader {
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final KeyPath REPOSITORY = KeyPath.ROOT.key("repository");

    private final ConfigValidator validator;

    PlacementReader(ConfigValidator validator) {
        this.validator = validator;
    }

    /** Reads {@code operator}, {@code location} and {@code jurisdiction} of one provider. */
    ProviderFacts facts(String name, ProviderSection section, KeyPath at) throws ConfigException {
        String operator = null;
        if (section.operator() != null || validator.written(at.key("operator"))) {
            operator = validator.text(section.operator(), at.key("operator"),
                    "expected the company that runs the provider, such as Hetzner");
        }
        String location = null;
        if (section.location() != null || validator.written(at.key("location"))) {
            location = country(section.location(), at.key("location"));
        }
        List<String> jurisdictions = List.of();
        if (section.jurisdiction() != null) {
            jurisdictions = regimes(section.jurisdiction(), at.key("jurisdiction"));
        }
        return new ProviderFacts(name, operator, location, jurisdictions);
    }

    private String country(String value, KeyPath at) throws ConfigException {
        String expected = "expected an ISO 3166-1 alpha-2 country code in capitals, such as DE";
        String code = validator.text(value, at, expected);
        if (!COUNTRIES.contains(code)) {
            throw validator.fail(at, "invalid location \"" + code + "\" for " + at + ": "
                    + expected);
        }
        return code;
    }

    private List<String> regimes(List<String> values, KeyPath at) throws ConfigException {
        List<String> regimes = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            regimes.add(validator.text(values.get(i), at.index(i),
                    "expected a legal regime such as EU or US"));
        }
        return regimes;
    }

    /**
     * Reads the placement rules and chooses the providers that satisfy them among
     * {@code providers}, the repository's providers in the order of {@code repository.providers}.
     */
    Placement placement(RepositorySection section, List<ProviderFacts> providers)
            throws ConfigException {
        int copies = section.copies() == null ? 1 : section.copies();
        int quorum = section.writeQuorum() == null ? copies : section.writeQuorum();
        PlacementRules rules = new PlacementRules(copies, differBy(section.differBy()),
                excluded(section.excludeJurisdictions()), quorum);
        try {
            return Placement.plan(rules, providers);
        } catch (PlacementException e) {
            KeyPath rule = REPOSITORY.key(e.rule());
            throw validator.fail(validator.written(rule) ? rule : REPOSITORY.key("providers"),
                    e.getMessage());
        }
    }

    private Set<Fact> differBy(List<String> keys) throws ConfigException {
        Set<Fact> facts = new LinkedHashSet<>();
        if (keys == null) {
            return facts;
        }
        KeyPath at = REPOSITORY.key("differ-by");
        String expected = "expected operator, location or jurisdiction";
        for (int i = 0; i < keys.size(); i++) {
            KeyPath item = at.index(i);
            String key = validator.text(keys.get(i), item, expected);
            facts.add(Fact.ofKey(key).orElseThrow(() -> validator.fail(item,
                    "unknown fact \"" + key + "\" in " + item + ": " + expected)));
        }
        return facts;
    }

    private Set<String> excluded(List<String> regimes) throws ConfigException {
        if (regimes == null) {
            return Set.of();
        }
        return new LinkedHashSet<>(regimes(regimes, REPOSITORY.key("exclude-jurisdictions")));
    }
}
