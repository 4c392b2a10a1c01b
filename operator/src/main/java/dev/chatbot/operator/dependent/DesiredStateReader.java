package dev.chatbot.operator.dependent;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.desired.DesiredState;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * Dependents do not compute desired state themselves: the reconciler renders it once per reconcile
 * (after gathering digests, secret hashes and the rollout decision) and hands it over through the
 * workflow context. That keeps `desired()` pure and identical to `render`.
 */
final class DesiredStateReader {

  private DesiredStateReader() {}

  static DesiredState of(Context<ChatbotDeployment> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .getMandatory(DesiredState.CONTEXT_KEY, DesiredState.class);
  }
}
