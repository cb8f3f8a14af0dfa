package dev.holdfast.repository.placement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.storage.ContentCheck;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.filesystem.FileSystemProvider;
import dev.holdfast.storage.testing.FaultInjectingProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The placement check over real filesystem providers: "berlin" and "paris" share the regime EU,
 * "berlin" and "virginia" share the operator Acme, and "virginia" is subject to US.
 */
class PlacementCheckTest {
    private static final List<ProviderFacts> FACTS = List.of(
            new ProviderFacts("berlin", "Acme", "DE", List.of("EU")),
            new ProviderFacts("paris", "Gaul", "FR", List.of("EU")),
            new ProviderFacts("virginia", "Acme", "US", List.of("US")),
            new ProviderFacts("zurich", "Alpine", "CH", List.of("CH")));
    private static final byte[] DATA = {1, 2, 3};

    @TempDir
    Path root;

    private final List<FaultInjectingProvider> providers = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        for (ProviderFacts facts : FACTS) {
            providers.add(new FaultInjectingProvider(
                    FileSystemProvider.create(facts.name(), root.resolve(facts.name())), 1));
        }
    }

    /** One case: the rules, the providers that hold the object, and the expected outcome. */
    private record Case(String description, PlacementRules rules, List<String> holders,
            String rule, String reason) {
    }

    @Test
    void run_holdersAgainstRules_reportsTheBrokenRule() throws Exception {
        PlacementRules twoOperators = new PlacementRules(2, Set.of(Fact.OPERATOR), Set.of(), 1);
        PlacementRules twoRegimes = new PlacementRules(2, Set.of(Fact.JURISDICTION), Set.of(),
                1);
        PlacementRules noUs = new PlacementRules(2, Set.of(), Set.of("US"), 1);
        List<Case> cases = List.of(
                new Case("two operators", twoOperators, List.of("berlin", "paris"), null, null),
                new Case("one copy", twoOperators, List.of("paris"), "copies",
                        "stored on 1 of 2 providers (\"paris\")"),
                new Case("no copy", twoOperators, List.of(), "copies",
                        "stored on 0 of 2 providers"),
                new Case("same operator", twoOperators, List.of("berlin", "virginia"),
                        "differ-by", "no 2 of the providers holding it (\"berlin\", "
                        + "\"virginia\") differ pairwise in [operator]: \"berlin\" and "
                        + "\"virginia\" share operator \"Acme\""),
                new Case("a third copy elsewhere", twoOperators,
                        List.of("berlin", "virginia", "zurich"), null, null),
                new Case("shared regime", twoRegimes, List.of("berlin", "paris"), "differ-by",
                        "no 2 of the providers holding it (\"berlin\", \"paris\") differ "
                        + "pairwise in [jurisdiction]: \"berlin\" and \"paris\" share "
                        + "jurisdiction EU"),
                new Case("excluded regime", noUs, List.of("berlin", "virginia"),
                        "exclude-jurisdictions", "\"virginia\" answers to US, which the rule "
                        + "excludes, so 1 of 2 copies count"));
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            String key = "data/case-" + i;
            for (String holder : c.holders()) {
                provider(holder).putIfAbsent(key, DATA);
            }
            ExpectedObjects expected = new ExpectedObjects();
            expected.add(key, ContentCheck.NONE);

            PlacementReport report = check(c.rules()).run(expected);

            if (c.rule() == null) {
                assertThat(report.violations()).as(c.description()).isEmpty();
                assertThat(report.holds()).as(c.description()).isTrue();
                continue;
            }
            assertThat(report.violations()).as(c.description()).hasSize(1);
            PlacementViolation violation = report.violations().getFirst();
            assertThat(violation.key()).as(c.description()).isEqualTo(key);
            assertThat(violation.rule()).as(c.description()).isEqualTo(c.rule());
            assertThat(violation.providers()).as(c.description())
                    .containsExactlyElementsOf(c.holders());
            assertThat(violation.reason()).as(c.description()).isEqualTo(c.reason());
        }
    }

    @Test
    void run_unreachableProvider_unconfirmed() throws Exception {
        PlacementRules rules = new PlacementRules(2, Set.of(Fact.OPERATOR), Set.of(), 1);
        provider("berlin").putIfAbsent("data/shared", DATA);
        provider("zurich").putIfAbsent("data/shared", DATA);
        provider("virginia").putIfAbsent("data/same-operator", DATA);
        provider("berlin").putIfAbsent("data/same-operator", DATA);
        provider("zurich").makeUnavailable();
        ExpectedObjects expected = new ExpectedObjects();
        expected.add("data/shared", ContentCheck.NONE);
        expected.add("data/same-operator", ContentCheck.NONE);

        PlacementReport report = check(rules).run(expected);

        assertThat(report.unreachable()).containsOnlyKeys("zurich");
        assertThat(report.unconfirmed()).containsExactly("data/same-operator", "data/shared");
        assertThat(report.violations()).isEmpty();
        assertThat(report.holds()).isFalse();
        assertThat(report.failing()).containsExactlyInAnyOrder("data/same-operator",
                "data/shared");
    }

    @Test
    void run_unreachableProviderCannotHelp_violationStands() throws Exception {
        PlacementRules rules = new PlacementRules(3, Set.of(Fact.OPERATOR), Set.of(), 1);
        provider("berlin").putIfAbsent("data/x", DATA);
        provider("zurich").makeUnavailable();
        ExpectedObjects expected = new ExpectedObjects();
        expected.add("data/x", ContentCheck.NONE);

        PlacementReport report = check(rules).run(expected);

        assertThat(report.violations()).extracting(PlacementViolation::rule)
                .containsExactly("copies");
        assertThat(report.unconfirmed()).isEmpty();
    }

    private PlacementCheck check(PlacementRules rules) {
        Placement placement = new Placement(rules, List.of("berlin", "zurich"), FACTS);
        return new PlacementCheck(placement, new ArrayList<Provider>(providers));
    }

    private FaultInjectingProvider provider(String name) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }
}
