package dev.chatbot.operator.desired;

import static dev.chatbot.operator.testing.TestCrs.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.ModelProvider;
import dev.chatbot.operator.api.v1alpha1.ModelSpec;
import dev.chatbot.operator.api.v1alpha1.NetworkPolicySpec;
import dev.chatbot.operator.testing.TestCrs;
import dev.chatbot.operator.validation.SpecValidator;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatNetworkPolicyTest {

  @Test
  void isRenderedByDefaultAndAdmitsOnlyTheChatPort() {
    NetworkPolicy policy = render(TestCrs.minimal()).networkPolicy().orElseThrow();

    assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
    assertThat(policy.getSpec().getPodSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/instance", TestCrs.NAME);
    assertThat(policy.getSpec().getIngress())
        .singleElement()
        .satisfies(
            rule ->
                assertThat(rule.getPorts())
                    .singleElement()
                    .satisfies(
                        p -> {
                          assertThat(p.getPort().getIntVal()).isEqualTo(8080);
                          assertThat(p.getProtocol()).isEqualTo("TCP");
                        }));
  }

  @Test
  void letsAnOfflineModelReachOnlyDns() {
    NetworkPolicy policy = render(TestCrs.minimal()).networkPolicy().orElseThrow();

    assertThat(policy.getSpec().getEgress())
        .singleElement()
        .satisfies(rule -> assertThat(ports(rule)).containsExactlyInAnyOrder("UDP/53", "TCP/53"));
  }

  @Test
  void narrowsAnInClusterModelToItsNamespaceAndPort() {
    NetworkPolicy policy =
        render(model(ModelProvider.OLLAMA, "http://ollama.ai.svc:11434"))
            .networkPolicy()
            .orElseThrow();

    NetworkPolicyEgressRule model = policy.getSpec().getEgress().get(1);
    assertThat(ports(model)).containsExactly("TCP/11434");
    assertThat(model.getTo())
        .singleElement()
        .satisfies(
            peer ->
                assertThat(peer.getNamespaceSelector().getMatchLabels())
                    .containsExactlyEntriesOf(
                        java.util.Map.of("kubernetes.io/metadata.name", "ai")));
    assertThat(policy.getSpec().getEgress()).hasSize(2);
  }

  @Test
  void narrowsAFullyQualifiedClusterNameToo() {
    NetworkPolicy policy =
        render(model(ModelProvider.OLLAMA, "http://ollama.models.svc.cluster.local:11434/"))
            .networkPolicy()
            .orElseThrow();

    assertThat(
            policy
                .getSpec()
                .getEgress()
                .get(1)
                .getTo()
                .get(0)
                .getNamespaceSelector()
                .getMatchLabels())
        .containsEntry("kubernetes.io/metadata.name", "models");
  }

  @Test
  void opensTheDefaultHttpsPortForAnExternalModel() {
    NetworkPolicy policy =
        render(model(ModelProvider.OPENAI, "https://openrouter.ai/api/v1"))
            .networkPolicy()
            .orElseThrow();

    NetworkPolicyEgressRule model = policy.getSpec().getEgress().get(1);
    assertThat(ports(model)).containsExactly("TCP/443");
    assertThat(model.getTo()).isNullOrEmpty();
  }

  @Test
  void opensTheDefaultHttpPortForAPlainHttpModel() {
    NetworkPolicy policy =
        render(model(ModelProvider.OPENAI, "http://vllm.example.com/v1"))
            .networkPolicy()
            .orElseThrow();

    assertThat(ports(policy.getSpec().getEgress().get(1))).containsExactly("TCP/80");
  }

  @Test
  void admitsOnlyTheListedNamespacesWhenGiven() {
    ChatbotDeployment cr =
        TestCrs.with(
            spec -> {
              NetworkPolicySpec np = new NetworkPolicySpec();
              np.setAllowedNamespaces(List.of("frontend", "monitoring"));
              spec.setNetworkPolicy(np);
            });

    NetworkPolicy policy = render(cr).networkPolicy().orElseThrow();

    assertThat(policy.getSpec().getIngress().get(0).getFrom())
        .extracting(
            p -> p.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"))
        .containsExactly("frontend", "monitoring");
  }

  @Test
  void isAbsentWhenDisabled() {
    ChatbotDeployment cr =
        TestCrs.with(
            spec -> {
              NetworkPolicySpec np = new NetworkPolicySpec();
              np.setEnabled(false);
              spec.setNetworkPolicy(np);
            });

    DesiredState state = render(cr);

    assertThat(state.networkPolicy()).isEmpty();
    assertThat(state.all()).noneMatch(NetworkPolicy.class::isInstance);
  }

  @Test
  void rendersEveryBaseUrlTheValidatorAccepts() {
    ChatbotDeployment cr = model(ModelProvider.OPENAI, "https://llm.example.com/{tenant}/v1");
    assertThat(new SpecValidator().validate(cr)).isEmpty();

    assertThatCode(() -> render(cr).networkPolicy()).doesNotThrowAnyException();
  }

  @Test
  void opensTheUrlsOwnPortEvenForAHostWithAnUnderscore() {
    ChatbotDeployment cr = model(ModelProvider.OPENAI, "http://llm_gateway:8000/v1");
    assertThat(new SpecValidator().validate(cr)).isEmpty();

    NetworkPolicy policy = render(cr).networkPolicy().orElseThrow();

    assertThat(ports(policy.getSpec().getEgress().get(1))).containsExactly("TCP/8000");
  }

  private static ChatbotDeployment model(ModelProvider provider, String baseUrl) {
    return TestCrs.with(
        spec -> {
          ModelSpec model = new ModelSpec();
          model.setProvider(provider);
          model.setBaseUrl(baseUrl);
          spec.setModel(model);
        });
  }

  private static List<String> ports(NetworkPolicyEgressRule rule) {
    return rule.getPorts().stream().map(ChatNetworkPolicyTest::port).toList();
  }

  private static String port(NetworkPolicyPort p) {
    return p.getProtocol() + "/" + p.getPort().getIntVal();
  }
}
