package dev.chatbot.operator.desired;

import dev.chatbot.operator.api.v1alpha1.AppContract;
import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.ModelProvider;
import dev.chatbot.operator.api.v1alpha1.ModelSpec;
import dev.chatbot.operator.api.v1alpha1.NetworkPolicySpec;
import dev.chatbot.operator.naming.Labels;
import dev.chatbot.operator.naming.ResourceNames;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Default-deny for the chat pods: ingress only to the chat port (which also serves metrics), from
 * the allowed namespaces; egress only to DNS and, for a remote model, the model endpoint's port. A
 * NetworkPolicy cannot name a host, so an external model URL opens its port to any address; an
 * in-cluster URL (name.namespace.svc) is narrowed to that namespace.
 */
public final class ChatNetworkPolicy {

  private ChatNetworkPolicy() {}

  public static boolean wanted(ChatbotDeployment cr) {
    NetworkPolicySpec spec = cr.getSpec().getNetworkPolicy();
    return spec == null || !Boolean.FALSE.equals(spec.getEnabled());
  }

  public static Optional<NetworkPolicy> build(ChatbotDeployment cr) {
    if (!wanted(cr)) {
      return Optional.empty();
    }
    return Optional.of(
        new NetworkPolicyBuilder()
            .withMetadata(ChildMetadata.of(cr, ResourceNames.of(cr).networkPolicy()))
            .withNewSpec()
            .withNewPodSelector()
            .withMatchLabels(Labels.selector(cr))
            .endPodSelector()
            .withPolicyTypes("Ingress", "Egress")
            .withIngress(ingress(cr))
            .withEgress(egress(cr))
            .endSpec()
            .build());
  }

  private static NetworkPolicyIngressRule ingress(ChatbotDeployment cr) {
    NetworkPolicySpec spec =
        cr.getSpec().getNetworkPolicy() == null
            ? new NetworkPolicySpec()
            : cr.getSpec().getNetworkPolicy();
    List<NetworkPolicyPeer> from = new ArrayList<>();
    if (spec.getAllowedNamespaces().isEmpty()) {
      from.add(
          new NetworkPolicyPeerBuilder()
              .withNamespaceSelector(new LabelSelectorBuilder().build())
              .build());
    } else {
      for (String namespace : spec.getAllowedNamespaces()) {
        from.add(namespacePeer(namespace));
      }
    }
    return new NetworkPolicyIngressRuleBuilder()
        .withFrom(from)
        .addNewPort()
        .withProtocol("TCP")
        .withPort(new IntOrString(AppContract.HTTP_PORT))
        .endPort()
        .build();
  }

  private static List<NetworkPolicyEgressRule> egress(ChatbotDeployment cr) {
    List<NetworkPolicyEgressRule> rules = new ArrayList<>();
    rules.add(
        new NetworkPolicyEgressRuleBuilder()
            .addNewPort()
            .withProtocol("UDP")
            .withPort(new IntOrString(53))
            .endPort()
            .addNewPort()
            .withProtocol("TCP")
            .withPort(new IntOrString(53))
            .endPort()
            .build());
    ModelSpec model = cr.getSpec().getModel();
    if (model != null
        && model.getProvider() != ModelProvider.OFFLINE
        && model.getBaseUrl() != null) {
      ModelEndpoint endpoint =
          ModelEndpoint.parse(model.getBaseUrl())
              .orElseThrow(() -> new IllegalArgumentException("invalid model.baseUrl"));
      NetworkPolicyEgressRuleBuilder rule =
          new NetworkPolicyEgressRuleBuilder()
              .addNewPort()
              .withProtocol("TCP")
              .withPort(new IntOrString(endpoint.port()))
              .endPort();
      clusterNamespace(endpoint.host()).ifPresent(ns -> rule.withTo(namespacePeer(ns)));
      rules.add(rule.build());
    }
    return rules;
  }

  /** "ollama.ai.svc" or "ollama.ai.svc.cluster.local" -> "ai". */
  static Optional<String> clusterNamespace(String host) {
    if (host == null) {
      return Optional.empty();
    }
    String[] parts = host.split("\\.");
    if (parts.length >= 3 && "svc".equals(parts[2])) {
      return Optional.of(parts[1]);
    }
    return Optional.empty();
  }

  private static NetworkPolicyPeer namespacePeer(String namespace) {
    return new NetworkPolicyPeerBuilder()
        .withNamespaceSelector(
            new LabelSelectorBuilder()
                .addToMatchLabels("kubernetes.io/metadata.name", namespace)
                .build())
        .build();
  }
}
