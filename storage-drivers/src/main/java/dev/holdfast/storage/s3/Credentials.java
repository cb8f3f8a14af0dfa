package dev.holdfast.storage.s3;

import java.io.IOException;
import java.util.Map;

/**
 * An access key and its secret key, read from their sources when a provider opens. Only the
 * request signer uses the secret key, and {@link #toString()} shows neither key.
 */
final class Credentials {
    private final String accessKey;
    private final String secretKey;

    private Credentials(String accessKey, String secretKey) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /**
     * Reads both keys.
     *
     * @throws IOException naming the variable or file that failed, never a value
     */
    static Credentials read(CredentialSources sources, Map<String, String> environment)
            throws IOException {
        String accessKey = sources.accessKey().read(environment);
        String secretKey = sources.secretKey().read(environment);
        return new Credentials(accessKey, secretKey);
    }

    String accessKey() {
        return accessKey;
    }

    String secretKey() {
        return secretKey;
    }

    @Override
    public String toString() {
        return "Credentials[access key and secret key redacted]";
    }
}
