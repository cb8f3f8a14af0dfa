package dev.holdfast.repository.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlacementTest {
    private static final ProviderFacts FRANKFURT =
            new ProviderFacts("frankfurt", "Acme", "DE", List.of("EU"));
    private static final ProviderFacts ZURICH =
            new ProviderFacts("zurich", "Alpine", "CH", List.of("CH"));
    private static final ProviderFacts VIRGINIA =
            new ProviderFacts("virginia", "Acme", "US", List.of("US"));
    private static final ProviderFacts PARIS =
            new ProviderFacts("paris", "Gaul", "FR", List.of("EU"));

    @Test
    void singleRules_chooseTheOnlyProvider() throws Exception {
        Placement placement = Placement.plan(PlacementRules.SINGLE,
                List.of(ProviderFacts.unknown("local")));

        assertThat(placement.targets()).containsExactly("local");
        assertThat(placement.rules().writeQuorum()).isEqualTo(1);
    }

    @Test
    void differByOperator_skipsSecondProviderOfSameOperator() throws Exception {
        PlacementRules rules = rules(2, Set.of(Fact.OPERATOR), Set.of(), 2);

        Placement placement = Placement.plan(rules, List.of(FRANKFURT, VIRGINIA, ZURICH));

        assertThat(placement.targets()).containsExactly("frankfurt", "zurich");
    }

    @Test
    void differByJurisdiction_treatsSharedRegimeAsSame() {
        PlacementRules rules = rules(2, Set.of(Fact.JURISDICTION), Set.of(), 1);

        assertThatThrownBy(() -> Placement.plan(rules, List.of(FRANKFURT, PARIS)))
                .isInstanceOfSatisfying(PlacementException.class,
                        e -> assertThat(e.rule()).isEqualTo("differ-by"))
                .hasMessageContaining("\"frankfurt\"")
                .hasMessageContaining("\"paris\"")
                .hasMessageContaining("at most 1 do");
    }

    @Test
    void threeCopiesDifferingInEverything_found() throws Exception {
        PlacementRules rules = rules(3, Set.of(Fact.OPERATOR, Fact.LOCATION,
                Fact.JURISDICTION), Set.of(), 2);

        Placement placement = Placement.plan(rules, List.of(FRANKFURT, PARIS, ZURICH,
                new ProviderFacts("oslo", "Fjord", "NO", List.of("NO"))));

        assertThat(placement.targets()).containsExactly("frankfurt", "zurich", "oslo");
    }

    @Test
    void excludedJurisdiction_namesRuleProviderAndRegime() {
        PlacementRules rules = rules(2, Set.of(), Set.of("US"), 1);

        assertThatThrownBy(() -> Placement.plan(rules, List.of(FRANKFURT, VIRGINIA)))
                .isInstanceOfSatisfying(PlacementException.class,
                        e -> assertThat(e.rule()).isEqualTo("exclude-jurisdictions"))
                .hasMessageContaining("\"virginia\" (US)");
    }

    @Test
    void moreCopiesThanProviders_isRejected() {
        PlacementRules rules = rules(3, Set.of(), Set.of(), 2);

        assertThatThrownBy(() -> Placement.plan(rules, List.of(FRANKFURT, ZURICH)))
                .isInstanceOfSatisfying(PlacementException.class,
                        e -> assertThat(e.rule()).isEqualTo("copies"))
                .hasMessageContaining("copies 3")
                .hasMessageContaining("\"frankfurt\", \"zurich\"");
    }

    @Test
    void quorumAboveCopies_isRejected() {
        PlacementRules rules = rules(2, Set.of(), Set.of(), 3);

        assertThatThrownBy(() -> Placement.plan(rules, List.of(FRANKFURT, ZURICH)))
                .isInstanceOfSatisfying(PlacementException.class,
                        e -> assertThat(e.rule()).isEqualTo("write-quorum"));
    }

    @Test
    void differByMissingFact_namesProviderAndFact() {
        PlacementRules rules = rules(2, Set.of(Fact.OPERATOR), Set.of(), 2);

        assertThatThrownBy(() -> Placement.plan(rules,
                List.of(FRANKFURT, ProviderFacts.unknown("spare"))))
                .isInstanceOfSatisfying(PlacementException.class,
                        e -> assertThat(e.rule()).isEqualTo("differ-by"))
                .hasMessageContaining("\"spare\"")
                .hasMessageContaining("add operator");
    }

    private static PlacementRules rules(int copies, Set<Fact> differBy, Set<String> excluded,
            int quorum) {
        return new PlacementRules(copies, differBy, excluded, quorum);
    }
}
