package dev.holdfast.storage.s3;

import java.util.Objects;

/**
 * The sources of the access key and the secret key of an S3 provider, each an environment
 * variable or a file.
 */
public record CredentialSources(SecretSource accessKey, SecretSource secretKey) {
    public CredentialSources {
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
    }

    /** Returns sources that read both keys from environment variables. */
    public static CredentialSources fromEnvironment(String accessKeyVariable,
            String secretKeyVariable) {
        return new CredentialSources(SecretSource.variable(accessKeyVariable),
                SecretSource.variable(secretKeyVariable));
    }
}
