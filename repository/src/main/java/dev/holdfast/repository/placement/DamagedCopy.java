package dev.holdfast.repository.placement;

/**
 * A copy of an object that a provider returned with bytes that failed their check.
 *
 * @param provider the provider's name
 * @param key the object's key on the provider
 * @param reason why the bytes were rejected
 */
public record DamagedCopy(String provider, String key, String reason) {
    @Override
    public String toString() {
        return "provider \"" + provider + "\": damaged copy of \"" + key + "\": " + reason;
    }
}
