package dev.chatbot.operator.dependent;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.ChatbotDeploymentSpec;
import dev.chatbot.operator.desired.DesiredState;
import dev.chatbot.operator.desired.StorageLayout;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import java.util.Optional;

/**
 * A data PVC (uploads or exports). Created once and never updated or owned: a PVC's spec is
 * immutable, and without an owner reference it survives deletion of the CR (retentionPolicy
 * Retain); the reconciler's cleanup deletes it for retentionPolicy Delete.
 */
public abstract class DataClaimDependentResource
    extends KubernetesDependentResource<PersistentVolumeClaim, ChatbotDeployment>
    implements Creator<PersistentVolumeClaim, ChatbotDeployment> {

  protected DataClaimDependentResource() {
    super(PersistentVolumeClaim.class);
  }

  abstract Optional<PersistentVolumeClaim> claim(DesiredState state);

  abstract StorageLayout layout(ChatbotDeploymentSpec spec);

  @Override
  protected PersistentVolumeClaim desired(
      ChatbotDeployment primary, Context<ChatbotDeployment> context) {
    return claim(DesiredStateReader.of(context)).orElseThrow();
  }

  /** No PVC of ours when the user brings an existingClaim for this volume. */
  public static class Wanted implements Condition<PersistentVolumeClaim, ChatbotDeployment> {
    @Override
    public boolean isMet(
        DependentResource<PersistentVolumeClaim, ChatbotDeployment> dependentResource,
        ChatbotDeployment primary,
        Context<ChatbotDeployment> context) {
      return !((DataClaimDependentResource) dependentResource)
          .layout(primary.getSpec())
          .usesExistingClaim();
    }
  }
}
