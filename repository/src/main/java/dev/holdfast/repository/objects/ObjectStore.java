package dev.holdfast.repository.objects;

import dev.holdfast.storage.ObjectInfo;
import dev.holdfast.storage.Provider;
import dev.holdfast.storage.StorageException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores and fetches content-named objects on one provider. Fetching checks that the bytes hash
 * to their name, so a provider that returns other bytes is caught before anything is decrypted.
 */
public final class ObjectStore {
    private final Provider provider;

    public ObjectStore(Provider provider) {
        this.provider = provider;
    }

    public Provider provider() {
        return provider;
    }

    /** Returns the hex SHA-256 of {@code bytes}, the name such bytes are stored under. */
    public static String nameOf(byte[] bytes) {
        return Hex.encode(sha256(bytes));
    }

    /** Returns the hex SHA-256 of the first {@code length} bytes of {@code bytes}. */
    public static String nameOf(byte[] bytes, int length) {
        return Hex.encode(sha256(bytes, length));
    }

    public static byte[] sha256(byte[] bytes) {
        return sha256(bytes, bytes.length);
    }

    private static byte[] sha256(byte[] bytes, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, 0, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Stores {@code bytes} under their hash and returns the name; storing twice is harmless. */
    public String put(ObjectKind kind, byte[] bytes) throws StorageException {
        String name = nameOf(bytes);
        provider.putIfAbsent(kind.key(name), bytes);
        return name;
    }

    /** Fetches an object and verifies that its bytes match its name. */
    public byte[] get(ObjectKind kind, String name) throws StorageException, DamagedObjectException {
        String key = kind.key(name);
        try {
            return provider.get(key, bytes -> hashProblem(name, bytes));
        } catch (StorageException e) {
            if (e.kind() == StorageException.Kind.DAMAGED) {
                throw new DamagedObjectException(key, e.getMessage());
            }
            throw e;
        }
    }

    /** Returns null when {@code bytes} hash to {@code name}, otherwise what they hash to. */
    public static String hashProblem(String name, byte[] bytes) {
        String actual = nameOf(bytes);
        return actual.equals(name) ? null
                : "content hashes to " + actual.substring(0, 16) + "..., not to its name";
    }

    /** Returns the names of all objects of one kind. */
    public List<String> list(ObjectKind kind) throws StorageException {
        List<String> names = new ArrayList<>();
        provider.list(kind.prefix(), info -> {
            String name = kind.nameOf(info.key());
            if (name != null) {
                names.add(name);
            }
        });
        return names;
    }

    /** Returns every object of one kind with its size. */
    public List<ObjectInfo> listInfo(ObjectKind kind) throws StorageException {
        List<ObjectInfo> infos = new ArrayList<>();
        provider.list(kind.prefix(), info -> {
            if (kind.nameOf(info.key()) != null) {
                infos.add(info);
            }
        });
        return infos;
    }
}
