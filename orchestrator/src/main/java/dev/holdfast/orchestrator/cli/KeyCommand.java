package dev.holdfast.orchestrator.cli;

import dev.holdfast.crypto.KeySlotRole;
import dev.holdfast.orchestrator.cli.Holdfast.OpenRepository;
import dev.holdfast.repository.KeySlotInfo;
import java.time.ZoneId;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "key", description = "Lists, adds and removes the key slots; each slot opens "
        + "the repository with its own passphrase.")
final class KeyCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    private final Holdfast app;

    KeyCommand(Holdfast app) {
        this.app = app;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: list, add or remove");
    }

    @Command(name = "list", description = "Lists the key slots; * marks the one in use.")
    int list() throws Exception {
        List<KeySlotInfo> slots;
        try (OpenRepository open = app.openRepository()) {
            slots = open.repository().keys();
        }
        Printer printer = app.printer();
        if (printer.json()) {
            printer.json(slots.stream().map(JsonViews::key).toList());
        } else {
            table(slots, app.context().zone()).forEach(printer::result);
        }
        return ExitCodes.SUCCESS;
    }

    @Command(name = "add", description = {"Adds a key slot with a new passphrase.",
        "The new passphrase comes from HOLDFAST_NEW_PASSPHRASE, from the file named by "
                + "HOLDFAST_NEW_PASSPHRASE_FILE, or from a prompt that asks for it twice."})
    int add(@Option(names = "--label", paramLabel = "TEXT",
            description = "Label of the new slot (default: user@host).") String label,
            @Option(names = "--append-only", description = "Give the slot the append-only "
                    + "role: it opens the repository for backups, restores and checks, but "
                    + "commands that delete or forget refuse to run with it.")
            boolean appendOnly)
            throws Exception {
        try (OpenRepository open = app.openRepository()) {
            char[] passphrase = app.passphrases().forNewKey();
            try {
                String slotLabel = label != null ? label : Holdfast.defaultKeyLabel();
                KeySlotInfo slot = open.repository().addKey(passphrase, slotLabel,
                        appendOnly ? KeySlotRole.APPEND_ONLY : KeySlotRole.FULL);
                Printer printer = app.printer();
                if (printer.json()) {
                    printer.json(JsonViews.key(slot));
                } else {
                    printer.info("added key slot " + slot.id() + " (" + slot.label() + ", "
                            + slot.role() + ")");
                }
            } finally {
                Passphrases.wipe(passphrase);
            }
        }
        return ExitCodes.SUCCESS;
    }

    @Command(name = "remove", description = "Removes a key slot; the slot of the passphrase "
            + "in use cannot be removed.")
    int remove(@Parameters(paramLabel = "ID", description = "Slot ID or unique prefix.")
            String id) throws Exception {
        try (OpenRepository open = app.openRepository()) {
            open.repository().removeKey(id);
        }
        Printer printer = app.printer();
        if (printer.json()) {
            printer.json(JsonViews.keyRemoved(id));
        } else {
            printer.info("removed key slot " + id);
        }
        return ExitCodes.SUCCESS;
    }

    static List<String> table(List<KeySlotInfo> slots, ZoneId zone) {
        Table table = new Table(" ", "ID", "Kind", "Role", "Label", "Created");
        for (KeySlotInfo slot : slots) {
            String created = slot.created() == null
                    ? "" : EntryFormat.TIME.format(slot.created().atZone(zone));
            table.row(slot.current() ? "*" : " ", slot.id(), slot.kind(), slot.role(),
                    slot.label() == null ? "" : slot.label(), created);
        }
        return table.lines();
    }
}
