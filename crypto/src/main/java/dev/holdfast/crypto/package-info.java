/**
 * Keys and sealing for a Holdfast repository.
 *
 * <p>A <em>master key</em> is 256 random bits that exist only inside <em>key slots</em>; a slot
 * wraps the master key under a key derived from something a person or machine holds (first
 * kind: a passphrase stretched with Argon2id). The master key seals the <em>keyring</em>, which
 * holds the long-lived working keys: the content-ID key, the chunker seed, the index key and one
 * data key per <em>epoch</em>. Every stored object and every blob in a pack is sealed with
 * AES-256-GCM under a subkey derived with HKDF from one keyring key and a random salt, so no
 * key ever seals more than one object's worth of nonces.
 */
package dev.holdfast.crypto;
