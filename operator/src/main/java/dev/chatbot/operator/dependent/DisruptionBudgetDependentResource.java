package dev.chatbot.operator.dependent;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.desired.ChatDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

@KubernetesDependent(informer = @Informer(labelSelector = OwnedObjects.SELECTOR))
public class DisruptionBudgetDependentResource
    extends CRUDKubernetesDependentResource<PodDisruptionBudget, ChatbotDeployment> {

  public DisruptionBudgetDependentResource() {
    super(PodDisruptionBudget.class);
  }

  @Override
  protected PodDisruptionBudget desired(
      ChatbotDeployment primary, Context<ChatbotDeployment> context) {
    return DesiredStateReader.of(context).podDisruptionBudget().orElseThrow();
  }

  /** Only with more than one replica: a budget for a single pod would block node drains. */
  public static class MultipleReplicas
      implements Condition<PodDisruptionBudget, ChatbotDeployment> {
    @Override
    public boolean isMet(
        DependentResource<PodDisruptionBudget, ChatbotDeployment> dependentResource,
        ChatbotDeployment primary,
        Context<ChatbotDeployment> context) {
      return ChatDisruptionBudget.wanted(primary);
    }
  }
}
