package dev.holdfast.orchestrator.guard;

import java.util.Locale;

/** What the guard does beyond recording, freezing and notifying when it detects a deletion. */
public enum GuardAction {
    /** Take the forensic snapshot and notify, and leave the database as it is. */
    ALERT("alert"),
    /** Also restore the newest snapshot taken before the deletion. */
    ROLLBACK("rollback");

    private final String configName;

    GuardAction(String configName) {
        this.configName = configName;
    }

    /** Returns the name used in the configuration file and the catalog. */
    public String configName() {
        return configName;
    }

    /** Returns the action named {@code name}, as the configuration file spells it. */
    public static GuardAction parse(String name) {
        for (GuardAction action : values()) {
            if (action.configName.equals(name.strip().toLowerCase(Locale.ROOT))) {
                return action;
            }
        }
        throw new IllegalArgumentException("unknown guard action \"" + name
                + "\": expected alert or rollback");
    }
}
