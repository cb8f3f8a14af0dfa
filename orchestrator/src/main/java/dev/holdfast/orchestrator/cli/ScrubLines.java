package dev.holdfast.orchestrator.cli;

import dev.holdfast.repository.placement.DamagedCopy;
import dev.holdfast.repository.placement.ScrubReport;
import java.util.Map;

/** Prints what {@code check --provider} found on one provider. */
final class ScrubLines {
    private ScrubLines() {
    }

    static void print(Printer printer, ScrubReport report) {
        if (printer.json()) {
            printer.json(JsonViews.scrub(report));
            return;
        }
        String provider = "provider \"" + report.provider() + "\": ";
        for (String key : report.missing()) {
            printer.result("missing: " + provider + key);
        }
        for (DamagedCopy copy : report.damaged()) {
            printer.result("damaged: " + provider + copy.key() + ": " + copy.reason());
        }
        for (Map.Entry<String, String> entry : report.unreadable().entrySet()) {
            printer.result("unreadable: " + provider + entry.getKey() + ": " + entry.getValue());
        }
        printer.info("checked " + Units.plural(report.objects(), "object") + " on provider \""
                + report.provider() + "\" (" + (report.target() ? "target" : "read only")
                + "): " + (report.readData() ? Units.bytes(report.bytesRead()) + " read, "
                : "listed, sizes compared, ") + report.missing().size() + " missing, "
                + report.damaged().size() + " damaged");
        if (report.clean()) {
            printer.info("no problems found");
        }
    }
}
