package dev.holdfast.storage.s3;

import dev.holdfast.storage.StorageException;
import dev.holdfast.storage.StorageException.Kind;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import io.minio.errors.XmlParserException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The classification of S3 failures into the kinds a caller acts on, with messages that name
 * the provider's bucket and the credential sources but never a credential.
 *
 * <p>TRANSIENT: throttling (503 SlowDown, 429), every other 5xx except 501, request timeouts,
 * connection failures and resets, and responses cut short or garbled. NOT_FOUND: NoSuchKey.
 * PERMANENT: the rest, notably a missing bucket, an unknown access key, a wrong secret key,
 * missing permissions, a skewed clock, a server that does not implement a request, and TLS
 * certificates that are not trusted. Those fail again on every retry until someone changes
 * the configuration, the credentials or the clock.
 */
final class S3Failures {
    /** S3 error codes that a retry after a pause may get past. */
    private static final Set<String> TRANSIENT_CODES = Set.of(
            "SlowDown", "ServiceUnavailable", "InternalError", "RequestTimeout",
            "OperationAborted", "ConditionalRequestConflict", "Throttling",
            "ThrottlingException", "TooManyRequests", "RequestThrottled");
    private static final Pattern RESPONSE_CODE = Pattern.compile("Response code: (\\d+)");

    private final String provider;
    private final S3Settings settings;

    S3Failures(String provider, S3Settings settings) {
        this.provider = provider;
        this.settings = settings;
    }

    /** Returns the S3 error code of {@code error}, or null when the server sent none. */
    static String errorCode(Throwable error) {
        return error instanceof ErrorResponseException response
                ? response.errorResponse().code() : null;
    }

    /** Wraps {@code error}, which failed {@code operation} on {@code key}. */
    StorageException of(String operation, String key, Throwable error) {
        if (error instanceof StorageException storage) {
            return storage;
        }
        Kind kind;
        String detail;
        switch (error) {
            case ErrorResponseException response -> {
                String code = response.errorResponse().code();
                int status = response.response() == null ? 0 : response.response().code();
                kind = kindOf(code, status);
                detail = describe(operation, code, status, response.getMessage());
            }
            case ServerException server -> {
                kind = kindOf(null, server.statusCode());
                detail = "the server failed with HTTP status " + server.statusCode();
            }
            case InvalidResponseException invalid -> {
                int status = statusOf(invalid);
                kind = kindOf(null, status);
                detail = "the server returned HTTP status " + status + " without an S3 error "
                        + "document; check that the endpoint is an S3 server and not a proxy "
                        + "or web page";
            }
            case XmlParserException garbled -> {
                kind = Kind.TRANSIENT;
                detail = "the server's response could not be parsed as S3 XML";
            }
            case IOException io -> {
                kind = ioKind(io);
                detail = describe(io);
            }
            default -> {
                kind = Kind.PERMANENT;
                detail = "the S3 client failed: " + error.getClass().getSimpleName()
                        + (error.getMessage() == null ? "" : ": " + error.getMessage());
            }
        }
        return new StorageException(kind, provider, operation, key, detail, error);
    }

    private static Kind kindOf(String code, int status) {
        if ("NoSuchKey".equals(code)) {
            return Kind.NOT_FOUND;
        }
        if (code != null && TRANSIENT_CODES.contains(code)) {
            return Kind.TRANSIENT;
        }
        // 501 Not Implemented stays PERMANENT: the server lacks the feature.
        boolean retryable = status == 429 || (status >= 500 && status != 501);
        return retryable ? Kind.TRANSIENT : Kind.PERMANENT;
    }

    private String describe(String operation, String code, int status, String serverMessage) {
        if (code == null) {
            return words(serverMessage) + " (HTTP " + status + ")";
        }
        String bucket = "bucket \"" + settings.bucket() + "\"";
        String server = "the server of " + bucket + " at " + settings.endpoint();
        return switch (code) {
            case "NoSuchKey" -> "no object has this key";
            case "NoSuchBucket" -> bucket + " does not exist at " + settings.endpoint()
                    + " (NoSuchBucket); create it or correct the bucket name";
            case "InvalidAccessKeyId" -> server + " does not know the access key from "
                    + settings.credentials().accessKey().describe()
                    + " (InvalidAccessKeyId); check that value";
            case "SignatureDoesNotMatch" -> "the secret key from "
                    + settings.credentials().secretKey().describe() + " does not match the "
                    + "access key for " + server + " (SignatureDoesNotMatch); check that value";
            case "RequestTimeTooSkewed" -> "the clock of this machine differs from that of "
                    + server + " by more than the server allows (RequestTimeTooSkewed); set "
                    + "the clock right, for example with NTP";
            case "AccessDenied" -> accessDenied(operation, bucket);
            case "NotImplemented" -> "the server does not implement this request "
                    + "(NotImplemented)" + (settings.objectLock().isPresent()
                            ? "; it may not support object lock, which the provider requests"
                            : "");
            default -> words(serverMessage) + " (" + code + ", HTTP " + status + ")";
        };
    }

    private String accessDenied(String operation, String bucket) {
        String detail = "access to " + bucket + " was denied (AccessDenied); check that the "
                + "access key from " + settings.credentials().accessKey().describe()
                + " has permission to " + operation + " objects";
        if (operation.equals("stat")) {
            // The response to a HEAD request has no body, so it cannot carry the real code.
            detail += ", and that the keys and this machine's clock are right";
        }
        return detail;
    }

    private static Kind ioKind(IOException e) {
        if (e instanceof SSLHandshakeException || e instanceof SSLPeerUnverifiedException) {
            return Kind.PERMANENT;
        }
        return Kind.TRANSIENT;
    }

    private String describe(IOException e) {
        String host = settings.endpoint().getHost();
        return switch (e) {
            case SSLHandshakeException handshake -> "the TLS handshake with " + host
                    + " failed, for example because its certificate is not trusted ("
                    + trust() + "): " + handshake.getMessage();
            case SSLPeerUnverifiedException unverified -> "the TLS certificate of " + host
                    + " does not match its name (" + trust() + "): " + unverified.getMessage();
            case UnknownHostException unknown -> "the host name \"" + unknown.getMessage()
                    + "\" cannot be resolved";
            case ConnectException refused -> "cannot connect to " + host + ": "
                    + words(refused.getMessage());
            case InterruptedIOException timeout -> "timed out talking to " + host
                    + (timeout.getMessage() == null ? "" : ": " + timeout.getMessage());
            default -> "connection to " + host + " failed: " + words(e.getMessage());
        };
    }

    private String trust() {
        return settings.caFile().map(file -> "trusting only the certificates in \"" + file
                + "\"").orElse("trusting the system's certificate authorities");
    }

    private static int statusOf(InvalidResponseException e) {
        Matcher matcher = RESPONSE_CODE.matcher(String.valueOf(e.getMessage()));
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    private static String words(String message) {
        if (message == null || message.isBlank()) {
            return "no reason given";
        }
        return message.strip();
    }
}
