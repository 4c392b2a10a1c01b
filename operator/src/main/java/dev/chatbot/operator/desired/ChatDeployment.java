package dev.chatbot.operator.desired;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.RolloutSpec;
import dev.chatbot.operator.naming.Labels;
import dev.chatbot.operator.naming.ResourceNames;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;

/** The Deployment running the chat pods of one revision. */
public final class ChatDeployment {

  private ChatDeployment() {}

  public static Deployment build(ChatbotDeployment cr, RevisionSnapshot revision) {
    RolloutSpec rollout = RolloutSpec.of(cr.getSpec());
    Deployment deployment =
        new DeploymentBuilder()
            .withMetadata(ChildMetadata.of(cr, ResourceNames.of(cr).deployment()))
            .withNewSpec()
            .withReplicas(cr.getSpec().getReplicas())
            .withNewSelector()
            .withMatchLabels(Labels.selector(cr))
            .endSelector()
            .withStrategy(strategy(cr))
            .withProgressDeadlineSeconds(rollout.getProgressDeadlineSeconds())
            .withRevisionHistoryLimit(rollout.historyLimit())
            .withMinReadySeconds(0)
            .withTemplate(revision.template())
            .endSpec()
            .build();
    deployment.getMetadata().getAnnotations().put(Labels.REVISION, revision.revision());
    return deployment;
  }

  /**
   * ReadWriteOnce volumes attach to one node: a rolling update would start the new pod elsewhere
   * and wait forever on Multi-Attach. Recreate stops the old pod first. With shared volumes a
   * surge-only rolling update keeps the service up.
   */
  static DeploymentStrategy strategy(ChatbotDeployment cr) {
    if (!StorageLayout.allShared(cr.getSpec())) {
      return new DeploymentStrategyBuilder().withType("Recreate").build();
    }
    return new DeploymentStrategyBuilder()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
        .withMaxSurge(new IntOrString(1))
        .withMaxUnavailable(new IntOrString(0))
        .endRollingUpdate()
        .build();
  }
}
