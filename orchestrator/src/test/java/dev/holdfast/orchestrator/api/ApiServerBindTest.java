package dev.holdfast.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.orchestrator.config.ApiConfig.Listen;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The error for an address that serve cannot bind names the change to make. */
class ApiServerBindTest {
    @Test
    void portInUse_advisesStoppingTheOtherProcess() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Listen listen = new Listen("127.0.0.1", taken.getLocalPort());

            // The bind fails before TLS or the services are used.
            assertThatThrownBy(() -> ApiServer.start(listen, "service.listen", null, null))
                    .isInstanceOf(ApiException.class)
                    .hasMessageContaining("cannot listen on " + listen + " (service.listen)")
                    .hasMessageContaining("stop the process that uses the port");
        }
    }

    @Test
    void foreignAddress_advisesAnAddressOfThisMachine() {
        // 203.0.113.0/24 is reserved for documentation (RFC 5737), so no interface has it.
        Listen listen = new Listen("203.0.113.5", 8443);

        assertThatThrownBy(() -> ApiServer.start(listen, "service.listen", null, null))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("no network interface of this machine has the address "
                        + "203.0.113.5")
                .hasMessageContaining("127.0.0.1:8443")
                .hasMessageNotContaining("stop the process");
    }

    @Test
    void wildcardAddress_keepsPortAdvice() {
        assertThat(ApiServer.bindAdvice(new Listen("0.0.0.0", 8443)))
                .contains("stop the process that uses the port");
    }
}
