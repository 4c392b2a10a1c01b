package dev.chatbot.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorConfigTest {

  @Test
  void defaultsWatchAllNamespacesWithLeaderElection() {
    OperatorConfig config = OperatorConfig.from(Map.of("POD_NAMESPACE", "chatbot-system"));

    assertThat(config.namespaces()).isEmpty();
    assertThat(config.leaderElection()).isTrue();
    assertThat(config.leaseNamespace()).isEqualTo("chatbot-system");
    assertThat(config.failureThreshold()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.serverSideApply()).isTrue();
  }

  @Test
  void readsAListOfNamespaces() {
    OperatorConfig config =
        OperatorConfig.from(Map.of("CHATBOT_OPERATOR_NAMESPACES", " team-a, team-b ,"));

    assertThat(config.namespaces()).containsExactlyInAnyOrder("team-a", "team-b");
  }

  @Test
  void readsTheRegistrySettings() {
    OperatorConfig config =
        OperatorConfig.from(
            Map.of(
                "CHATBOT_OPERATOR_REGISTRY_CA_BUNDLE", "/etc/ca/bundle.pem",
                "CHATBOT_OPERATOR_INSECURE_REGISTRIES", "registry.lab:5000, mirror.lab",
                "CHATBOT_OPERATOR_REGISTRY_TIMEOUT_SECONDS", "3",
                "CHATBOT_OPERATOR_RESOLVER_THREADS", "2"));

    assertThat(config.registry().settings().caBundle())
        .contains(java.nio.file.Path.of("/etc/ca/bundle.pem"));
    assertThat(config.registry().settings().insecureRegistries())
        .containsExactlyInAnyOrder("registry.lab:5000", "mirror.lab");
    assertThat(config.registry().settings().timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.registry().threads()).isEqualTo(2);
    assertThat(OperatorConfig.defaults().registry().settings().caBundle()).isEmpty();
    assertThat(OperatorConfig.defaults().registry().threads()).isEqualTo(4);
  }

  @Test
  void aBadValueNamesTheVariable() {
    assertThatThrownBy(() -> OperatorConfig.from(Map.of("CHATBOT_OPERATOR_HTTP_PORT", "eighty")))
        .hasMessageContaining("CHATBOT_OPERATOR_HTTP_PORT")
        .hasMessageContaining("eighty");
    assertThatThrownBy(() -> OperatorConfig.from(Map.of("CHATBOT_OPERATOR_LEADER_ELECTION", "yes")))
        .hasMessageContaining("CHATBOT_OPERATOR_LEADER_ELECTION must be true or false");
  }

  @Test
  void copiesChangeOnlyWhatTheySay() {
    OperatorConfig base = OperatorConfig.defaults();

    OperatorConfig changed = base.withNamespaces(Set.of("x")).withLease("l", "ns");

    assertThat(changed.namespaces()).containsExactly("x");
    assertThat(changed.leaseName()).isEqualTo("l");
    assertThat(changed.leaseNamespace()).isEqualTo("ns");
    assertThat(changed.httpPort()).isEqualTo(base.httpPort());
    assertThat(changed.resyncInterval()).isEqualTo(base.resyncInterval());
  }
}
