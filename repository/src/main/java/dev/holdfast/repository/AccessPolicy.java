package dev.holdfast.repository;

import dev.holdfast.crypto.KeySlotRole;
import dev.holdfast.repository.RepositoryException.Reason;
import dev.holdfast.repository.placement.ReplicatedProvider;
import dev.holdfast.storage.Provider;
import java.util.List;

/**
 * What the open repository may do. Commands that delete need a full key slot and provider
 * credentials that can delete, and commands that forget need a full key slot. The checks run
 * before a command starts, so it fails whole instead of halfway.
 */
final class AccessPolicy {
    private final Provider provider;
    private final String slotId;
    private final KeySlotRole role;

    AccessPolicy(Provider provider, String slotId, KeySlotRole role) {
        this.provider = provider;
        this.slotId = slotId;
        this.role = role;
    }

    KeySlotRole role() {
        return role;
    }

    boolean canDelete() {
        return role == KeySlotRole.FULL && appendOnlyProviders().isEmpty();
    }

    /** Rejects {@code command} unless the slot in use is full. */
    void requireFullSlot(String command) throws RepositoryException {
        requireFullSlot(command, "");
    }

    /**
     * Rejects {@code command} unless the slot in use is full; {@code alternative}, when not
     * empty, ends the message with what works with this slot instead.
     */
    void requireFullSlot(String command, String alternative) throws RepositoryException {
        if (role != KeySlotRole.FULL) {
            throw new RepositoryException(Reason.APPEND_ONLY, "`holdfast " + command
                    + "` is refused: the repository was opened with key slot " + slotId
                    + ", whose role is " + role.label() + "; run it with the passphrase of a "
                    + "full key slot (see `holdfast key list`)"
                    + (alternative.isEmpty() ? "" : ", or " + alternative));
        }
    }

    /** Rejects {@code command} unless the slot is full and every provider can delete. */
    void requireDeletion(String command) throws RepositoryException {
        requireFullSlot(command);
        List<String> appendOnly = appendOnlyProviders();
        if (!appendOnly.isEmpty()) {
            String names = String.join(", ", appendOnly.stream()
                    .map(name -> "\"" + name + "\"").toList());
            throw new RepositoryException(Reason.APPEND_ONLY, "`holdfast " + command
                    + "` must delete, but provider " + names + (appendOnly.size() == 1
                    ? " is" : " are") + " append-only (append-only: true), so nothing was "
                    + "changed; run it from a host whose credential for " + names
                    + " can delete");
        }
    }

    private List<String> appendOnlyProviders() {
        List<Provider> members = provider instanceof ReplicatedProvider replicated
                ? replicated.providers() : List.of(provider);
        return members.stream().filter(Provider::appendOnly).map(Provider::name).toList();
    }
}
