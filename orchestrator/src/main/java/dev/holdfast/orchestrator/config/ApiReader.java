package dev.holdfast.orchestrator.config;

import dev.holdfast.orchestrator.config.ApiConfig.Listen;
import dev.holdfast.orchestrator.config.ConfigDocument.ServiceSection;
import java.nio.file.Path;
import java.util.Optional;

/** Reads the keys of the {@code service} section that configure the HTTP API. */
final class ApiReader {
    private static final String LISTEN_FORM = "expected HOST:PORT, such as 127.0.0.1:8443, "
            + "[::1]:8443 or 0.0.0.0:8443";

    private final ConfigValidator validator;

    ApiReader(ConfigValidator validator) {
        this.validator = validator;
    }

    ApiConfig read(ServiceSection section, KeyPath at, Path stateDir) throws ConfigException {
        Optional<Listen> listen = Optional.empty();
        if (section.listen() != null || validator.written(at.key("listen"))) {
            listen = Optional.of(listen(validator.text(section.listen(), at.key("listen"),
                    LISTEN_FORM), at.key("listen")));
        }
        Path caDir = folder(section.caDir(), at.key("ca-dir"),
                stateDir.resolve(ApiConfig.DEFAULT_CA_DIR));
        Path tlsDir = folder(section.tlsDir(), at.key("tls-dir"), ApiConfig.defaultTlsDir(caDir));
        return new ApiConfig(listen, caDir, tlsDir);
    }

    private Path folder(String value, KeyPath at, Path fallback) throws ConfigException {
        if (value == null && !validator.written(at)) {
            return fallback;
        }
        return validator.resolve(validator.text(value, at, "expected a folder"), at);
    }

    private Listen listen(String text, KeyPath at) throws ConfigException {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw validator.fail(at, "invalid address \"" + text + "\" for " + at + ": "
                    + LISTEN_FORM);
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw validator.fail(at, "invalid address \"" + text + "\" for " + at + ": an "
                    + "IPv6 address goes in brackets; " + LISTEN_FORM);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (host.isBlank() || port < 0 || port > 65535) {
            throw validator.fail(at, "invalid address \"" + text + "\" for " + at + ": "
                    + LISTEN_FORM + ", with a port from 0 to 65535");
        }
        return new Listen(host, port);
    }
}
