package dev.holdfast.crypto;

import java.time.Instant;

/**
 * One data epoch of a keyring, without its key: packs, snapshots and locks name the epoch whose
 * key sealed them.
 *
 * @param number the epoch number, 0 for the first; later epochs have higher numbers
 * @param created when the epoch was added, to the millisecond
 */
public record DataEpoch(int number, Instant created) {
}
