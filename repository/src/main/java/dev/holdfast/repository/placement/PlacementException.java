package dev.holdfast.repository.placement;

/** The configured providers cannot satisfy a placement rule; names the rule and providers. */
public final class PlacementException extends Exception {
    private final String rule;

    public PlacementException(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    /** Returns the configuration key of the rule, such as {@code differ-by}. */
    public String rule() {
        return rule;
    }
}
