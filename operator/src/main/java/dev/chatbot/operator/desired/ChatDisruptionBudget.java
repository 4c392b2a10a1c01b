package dev.chatbot.operator.desired;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.naming.Labels;
import dev.chatbot.operator.naming.ResourceNames;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.Optional;

/** With more than one replica, node drains take pods down one at a time. */
public final class ChatDisruptionBudget {

  private ChatDisruptionBudget() {}

  public static boolean wanted(ChatbotDeployment cr) {
    return cr.getSpec().getReplicas() != null && cr.getSpec().getReplicas() > 1;
  }

  public static Optional<PodDisruptionBudget> build(ChatbotDeployment cr) {
    if (!wanted(cr)) {
      return Optional.empty();
    }
    return Optional.of(
        new PodDisruptionBudgetBuilder()
            .withMetadata(ChildMetadata.of(cr, ResourceNames.of(cr).podDisruptionBudget()))
            .withNewSpec()
            .withMaxUnavailable(new IntOrString(1))
            .withNewSelector()
            .withMatchLabels(Labels.selector(cr))
            .endSelector()
            .endSpec()
            .build());
  }
}
