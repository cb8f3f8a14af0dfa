package dev.holdfast.orchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.orchestrator.config.ApiConfig.Listen;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiConfigTest {
    private static final String HEAD = """
            repository: { providers: [local] }
            providers: [{ name: local, driver: filesystem, path: /r }]
            """;

    @TempDir
    Path folder;

    @Test
    void noServiceSection_apiIsOff() throws Exception {
        ApiConfig api = ConfigLoader.load(ConfigFiles.write(folder, HEAD)).service().api();

        assertThat(api.listen()).isEmpty();
        assertThat(api.caDir()).isEqualTo(folder.resolve("etc/holdfast-state/ca"));
        assertThat(api.tlsDir()).isEqualTo(folder.resolve("etc/holdfast-state/ca/issued/node"));
    }

    @Test
    void everyKey_bindsIntoApiConfig() throws Exception {
        ApiConfig api = ConfigLoader.load(ConfigFiles.write(folder, HEAD + """
                service: { state-dir: state, listen: "[::1]:8443", ca-dir: /srv/ca, tls-dir: tls }
                """)).service().api();

        assertThat(api.listen()).contains(new Listen("::1", 8443));
        assertThat(api.listen().orElseThrow()).hasToString("[::1]:8443");
        assertThat(api.caDir()).isEqualTo(Path.of("/srv/ca"));
        assertThat(api.tlsDir()).isEqualTo(folder.resolve("etc/tls"));
    }

    @Test
    void caDirOnly_tlsDirFollowsIt() throws Exception {
        ApiConfig api = ConfigLoader.load(ConfigFiles.write(folder, HEAD + """
                service: { listen: "0.0.0.0:0", ca-dir: /srv/ca }
                """)).service().api();

        assertThat(api.listen()).contains(new Listen("0.0.0.0", 0));
        assertThat(api.tlsDir()).isEqualTo(Path.of("/srv/ca/issued/node"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            port only             | '8443'            | invalid address "8443" for service.listen
            no port               | '127.0.0.1:'      | invalid address "127.0.0.1:" for service
            port out of range     | '127.0.0.1:70000' | with a port from 0 to 65535
            port not a number     | 'localhost:https' | with a port from 0 to 65535
            IPv6 without brackets | '::1:8443'        | an IPv6 address goes in brackets
            empty                 | ''                | empty value for service.listen
            """)
    void invalidListen_isRejected(String description, String value,
            String message) throws IOException {
        Path file = ConfigFiles.write(folder, HEAD + "service: { listen: \"" + value + "\" }\n");

        ConfigException error = ConfigFiles.loadError(file);

        assertThat(error.getMessage()).contains(message);
        assertThat(error.line()).isEqualTo(3);
    }
}
