package dev.holdfast.orchestrator.cli;

import dev.holdfast.orchestrator.catalog.ProviderHealthRows;
import dev.holdfast.orchestrator.catalog.ProviderHealthRows.Health;
import dev.holdfast.repository.placement.ReplicatedProvider;
import dev.holdfast.storage.ForwardingProvider;
import dev.holdfast.storage.LoggingProvider;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.UnavailableProvider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of one command's calls to each configured provider, as provider health for the
 * catalog. Every command that opens the repository leaves one result per provider it called,
 * so the catalog's provider health and the API's error metric follow the real traffic rather
 * than only the occasional {@code catalog rebuild}.
 */
final class ProviderCalls {
    /** The width of the detail column, in characters. */
    private static final int MAX_DETAIL = 4000;

    private ProviderCalls() {
    }

    /** Returns a result for each provider below {@code top} that was called or not opened. */
    static List<Health> of(Provider top, Instant now) {
        List<Health> results = new ArrayList<>();
        collect(top, now, results);
        return results;
    }

    private static void collect(Provider provider, Instant now, List<Health> results) {
        switch (provider) {
            case ReplicatedProvider replicated ->
                    replicated.providers().forEach(member -> collect(member, now, results));
            case ForwardingProvider forwarding -> collect(forwarding.delegate(), now, results);
            case UnavailableProvider down -> results.add(new Health(down.name(), now,
                    ProviderHealthRows.UNREACHABLE, truncate(down.reason())));
            case LoggingProvider logged when logged.calls() > 0 -> results.add(health(logged,
                    now));
            default -> {
                // A provider without a call counter, or one this command never called.
            }
        }
    }

    private static Health health(LoggingProvider provider, Instant now) {
        long calls = provider.calls();
        long failures = provider.failures();
        if (failures == 0) {
            return new Health(provider.name(), now, ProviderHealthRows.OK,
                    Units.plural(calls, "call") + ", none failed", 0);
        }
        return new Health(provider.name(), now, ProviderHealthRows.ERRORS,
                truncate(failures + " of " + Units.plural(calls, "call") + " failed after "
                        + "retries; the newest: " + provider.lastFailure().orElse("")),
                failures);
    }

    private static String truncate(String detail) {
        return detail.length() <= MAX_DETAIL ? detail
                : detail.substring(0, MAX_DETAIL - 1) + "…";
    }
}
