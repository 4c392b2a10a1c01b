package dev.chatbot.operator.dependent;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.desired.ChatNetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

@KubernetesDependent(informer = @Informer(labelSelector = OwnedObjects.SELECTOR))
public class NetworkPolicyDependentResource
    extends CRUDKubernetesDependentResource<NetworkPolicy, ChatbotDeployment> {

  public NetworkPolicyDependentResource() {
    super(NetworkPolicy.class);
  }

  @Override
  protected NetworkPolicy desired(ChatbotDeployment primary, Context<ChatbotDeployment> context) {
    return DesiredStateReader.of(context).networkPolicy().orElseThrow();
  }

  /** spec.networkPolicy.enabled (default true); when it turns false the policy is deleted. */
  public static class Enabled implements Condition<NetworkPolicy, ChatbotDeployment> {
    @Override
    public boolean isMet(
        DependentResource<NetworkPolicy, ChatbotDeployment> dependentResource,
        ChatbotDeployment primary,
        Context<ChatbotDeployment> context) {
      return ChatNetworkPolicy.wanted(primary);
    }
  }
}
