package dev.holdfast.repository.placement;

import dev.holdfast.repository.Progress;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.StorageException;
import java.time.Duration;
import java.util.Map;

/** Lists one provider and compares what it stores with what the repository expects. */
public final class ProviderSurvey {
    /** The key of the small request that measures latency; every repository has it. */
    private static final String PROBE_KEY = "config";

    private ProviderSurvey() {
    }

    /**
     * Surveys {@code provider}. A failure of the provider is returned in the status, not thrown,
     * so that one unreachable provider does not hide the others.
     *
     * @param target whether placement assigns every expected object to the provider
     * @param readData whether to read every expected object and count the damaged copies
     */
    public static ProviderStatus survey(Provider provider, boolean target,
            ExpectedObjects expected, boolean readData) {
        Duration latency;
        Inventory inventory;
        try {
            long start = System.nanoTime();
            provider.stat(PROBE_KEY);
            latency = Duration.ofNanos(System.nanoTime() - start);
            inventory = Inventory.of(provider);
        } catch (StorageException e) {
            return new ProviderStatus(provider.name(), target, e.getMessage(), null, 0, 0, 0, 0,
                    readData ? 0 : -1);
        }
        long bytes = inventory.sizes().values().stream().mapToLong(Long::longValue).sum();
        int extra = (int) inventory.sizes().keySet().stream()
                .filter(key -> !expected.contains(key)).count();
        ScrubReport found = ProviderScrub.scrub(provider, inventory, target, expected, readData,
                Map.of(), Progress.NONE);
        return new ProviderStatus(provider.name(), target, null, latency,
                inventory.sizes().size(), bytes, found.missing().size(), extra,
                readData ? found.damaged().size() : -1);
    }
}
