package dev.holdfast.repository.placement;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What is known about who runs a provider and where its data is.
 *
 * @param name the provider's configured name
 * @param operator the company that runs it, or null when not configured
 * @param location ISO 3166-1 alpha-2 code of the country of the data, or null
 * @param jurisdictions the legal regimes the operator answers to; empty when not configured
 */
public record ProviderFacts(String name, String operator, String location,
        List<String> jurisdictions) {

    public ProviderFacts {
        Objects.requireNonNull(name, "name");
        jurisdictions = List.copyOf(jurisdictions);
    }

    /** Creates the facts of a provider that configures none. */
    public static ProviderFacts unknown(String name) {
        return new ProviderFacts(name, null, null, List.of());
    }

    /** Returns whether the fact is configured. */
    public boolean has(Fact fact) {
        return switch (fact) {
            case OPERATOR -> operator != null;
            case LOCATION -> location != null;
            case JURISDICTION -> !jurisdictions.isEmpty();
        };
    }

    /**
     * Returns whether this provider and {@code other} differ in {@code fact}. Two providers
     * differ in jurisdiction only when they share no regime, because a regime that reaches both
     * can compel both.
     */
    public boolean differs(ProviderFacts other, Fact fact) {
        return switch (fact) {
            case OPERATOR -> !Objects.equals(operator, other.operator);
            case LOCATION -> !Objects.equals(location, other.location);
            case JURISDICTION -> jurisdictions.stream().noneMatch(other.jurisdictions::contains);
        };
    }

    /**
     * Describes what this provider and {@code other} have in common in {@code fact}, such as
     * {@code operator "Acme"}, for a message about two copies that do not differ in it.
     */
    String shared(ProviderFacts other, Fact fact) {
        return switch (fact) {
            case OPERATOR -> operator == null ? "no operator set"
                    : "operator \"" + operator + "\"";
            case LOCATION -> location == null ? "no location set" : "location " + location;
            case JURISDICTION -> jurisdictions.isEmpty() ? "no jurisdiction set"
                    : "jurisdiction " + String.join("+", jurisdictions.stream()
                            .filter(other.jurisdictions::contains).toList());
        };
    }

    /** Returns the regimes of this provider that {@code excluded} names. */
    public List<String> excludedBy(Set<String> excluded) {
        return jurisdictions.stream().filter(excluded::contains).toList();
    }

    /** Describes the provider with its facts, for messages. */
    public String describe() {
        return "\"" + name + "\" (operator " + orNone(operator) + ", location "
                + orNone(location) + ", jurisdiction "
                + (jurisdictions.isEmpty() ? "none" : String.join("+", jurisdictions)) + ")";
    }

    private static String orNone(String value) {
        return value == null ? "none" : value;
    }
}
