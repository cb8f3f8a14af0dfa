/**
 * Keys and sealing for a Holdfast repository.
 *
 * <p>A <em>master key</em> is 256 random bits that exist only inside <em>key slots</em>. A slot
 * wraps the master key under a key derived from a secret that a person or machine has (first
 * kind: a passphrase stretched with Argon2id). The master key seals the <em>keyring</em>,
 * which contains the long-lived working keys: the content-ID key, the chunker seed, the index
 * key and one data key per <em>epoch</em>. Every stored object other than a key slot is sealed
 * with AES-256-GCM under its own subkey, derived with HKDF from one keyring key and a random
 * salt, so no AES key ever seals more than one object.
 *
 * <p>A <em>sealed object</em> is a 39-byte header (purpose, epoch, salt) followed by one or more
 * <em>parts</em>, each encrypted and authenticated on its own under a nonce that is its part
 * number. A <em>content ID</em> is the HMAC-SHA-256 of a chunk's plaintext under the content-ID
 * key. docs/format-crypto.md specifies every byte.
 */
package dev.holdfast.crypto;
