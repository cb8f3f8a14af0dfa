package dev.holdfast.restoretester;

import java.util.Objects;

/**
 * A path that a restore could not restore completely, or whose content could not be read.
 *
 * @param path the path in the snapshot, as shown to people
 * @param reason what went wrong, in the restorer's words
 * @param repositoryDamage whether stored data is damaged or missing, as opposed to a problem
 *     of the target (a full disk, a denied permission) or a provider that did not respond
 * @param damagedObject the storage key of the damaged or missing object, such as a pack,
 *     when it is known; null otherwise
 */
public record RestoreProblem(String path, String reason, boolean repositoryDamage,
        String damagedObject) {
    public RestoreProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
    }
}
