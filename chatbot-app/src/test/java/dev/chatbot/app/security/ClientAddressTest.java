package dev.chatbot.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.app.config.TestingProperties;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressTest {

  static ClientAddress trusting(String proxies) {
    return new ClientAddress(TestingProperties.of(null, null, 0, 0, proxies));
  }

  static MockHttpServletRequest from(String peer, String forwardedFor) {
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.setRemoteAddr(peer);
    if (forwardedFor != null) {
      request.addHeader("X-Forwarded-For", forwardedFor);
    }
    return request;
  }

  @Test
  void forwardedForFromAnUntrustedPeerIsIgnored() {
    assertThat(trusting(null).of(from("192.0.2.9", "10.9.9.9"))).isEqualTo("192.0.2.9");
    assertThat(trusting("10.0.0.0/8").of(from("192.0.2.9", "10.9.9.9"))).isEqualTo("192.0.2.9");
  }

  @Test
  void behindTrustedProxiesTheRightMostUntrustedHopIsTheClient() {
    ClientAddress clients = trusting("10.0.0.0/8, 172.16.0.1");

    // The client may prepend anything; only what the trusted proxies appended counts.
    assertThat(clients.of(from("10.1.2.3", "6.6.6.6, 203.0.113.7, 172.16.0.1")))
        .isEqualTo("203.0.113.7");
    assertThat(clients.of(from("10.1.2.3", null))).isEqualTo("10.1.2.3");
  }

  @Test
  void aTrustedProxyThatIsNotAnAddressIsABadSetting() {
    assertThatThrownBy(() -> trusting("proxy.example.com"))
        .hasMessageContaining("CHATBOT_TRUSTED_PROXIES")
        .hasMessageContaining("proxy.example.com");
  }
}
