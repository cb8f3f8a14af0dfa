package dev.holdfast.storage.s3;

import dev.holdfast.storage.StorageException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides per upload whether {@link S3Provider#putIfAbsent} sends {@code If-None-Match: *} or
 * checks for the key first, as {@link ConditionalCreate} configures.
 *
 * <p>With {@link ConditionalCreate#DETECT}, the first upload of the provider first probes the
 * server on an object named {@code .holdfast-probe-<random hex>} under the prefix: it stores
 * the object, stores it again with {@code If-None-Match: *}, and completes a one-part multipart
 * upload onto it with the same header. A 412 response means that the server honours the header
 * there. Success means that it ignored the header and replaced the object, and an error such as
 * 501 Not Implemented means that it does not support it. The probe is then deleted. It stays,
 * with a logged warning, where deleting is not allowed: append-only credentials, or a bucket
 * whose default retention keeps it. A process that dies during the probe leaves it too.
 */
final class ConditionalSupport {
    private static final Logger log = LoggerFactory.getLogger(ConditionalSupport.class);
    static final String PROBE_NAME = ".holdfast-probe-";
    private static final byte[] PROBE_CONTENT = {'h'};

    private final String provider;
    private final S3Settings settings;
    private final Uploader uploader;
    private final Deleter deleter;
    private volatile Boolean onPut;
    private volatile Boolean onCompletion;

    /** Deletes an object by key, as the provider does. */
    @FunctionalInterface
    interface Deleter {
        void delete(String key) throws StorageException;
    }

    ConditionalSupport(String provider, S3Settings settings, Uploader uploader,
            Deleter deleter) {
        this.provider = provider;
        this.settings = settings;
        this.uploader = uploader;
        this.deleter = deleter;
        switch (settings.conditionalCreate()) {
            case IF_NONE_MATCH -> {
                onPut = true;
                onCompletion = true;
            }
            case CHECK_THEN_PUT -> {
                onPut = false;
                onCompletion = false;
            }
            case DETECT -> {
            }
        }
    }

    /** Returns whether an upload of this kind sends {@code If-None-Match: *}; may probe first. */
    boolean ifNoneMatch(boolean multipart) throws StorageException {
        if (onPut == null) {
            detect();
        }
        return multipart ? onCompletion : onPut;
    }

    /** Returns what detection found, such as "on PUT: yes, on multipart completion: no". */
    String describe() {
        return "If-None-Match honoured on PUT: " + words(onPut)
                + ", on multipart completion: " + words(onCompletion);
    }

    private synchronized void detect() throws StorageException {
        if (onPut != null) {
            return;
        }
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        String probeKey = PROBE_NAME + HexFormat.of().formatHex(random);
        String object = settings.prefix() + probeKey;
        uploader.put(probeKey, object, PROBE_CONTENT, false, false);
        boolean put;
        boolean completion;
        try {
            put = !ignored(() -> uploader.put(probeKey, object, PROBE_CONTENT, true, false));
            completion = !ignored(
                    () -> uploader.uploadInParts(probeKey, object, PROBE_CONTENT, true, false));
        } finally {
            deleteProbe(probeKey);
        }
        onCompletion = completion;
        onPut = put;
        report();
    }

    /** A conditional upload onto the existing probe; returns true when it stored it. */
    @FunctionalInterface
    private interface ProbeUpload {
        boolean run() throws StorageException;
    }

    /**
     * Returns false when the server responded 412, and true when it stored the probe again or
     * rejected the request with a PERMANENT error, as servers without the feature do.
     */
    private static boolean ignored(ProbeUpload upload) throws StorageException {
        try {
            return upload.run();
        } catch (StorageException e) {
            if (e.isTransient()) {
                throw e;
            }
            return true;
        }
    }

    private void deleteProbe(String probeKey) {
        try {
            deleter.delete(probeKey);
        } catch (StorageException e) {
            log.warn("provider={} op=delete key={} the probe of conditional writes stays on "
                    + "the server: {}", provider, probeKey, e.detail());
        }
    }

    private void report() {
        if (onPut && onCompletion) {
            log.info("provider={} conditional_create=if-none-match ({})", provider, describe());
            return;
        }
        log.warn("provider={} the server at {} does not honour If-None-Match ({}), so a put "
                + "checks for the key before the upload; a writer in another process can "
                + "create the key between the two. Set conditional-create: check-then-put to "
                + "choose this without the probe.", provider, settings.endpoint(), describe());
    }

    private static String words(Boolean value) {
        if (value == null) {
            return "not probed";
        }
        return value ? "yes" : "no";
    }
}
