package dev.chatbot.operator.desired;

import dev.chatbot.operator.api.v1alpha1.AccessMode;
import dev.chatbot.operator.api.v1alpha1.ChatbotDeploymentSpec;
import dev.chatbot.operator.api.v1alpha1.VolumeSpec;

/**
 * One of the two data volumes as the runbooks want it: always persisted (1Gi ReadWriteOnce when the
 * spec says nothing), either an operator-created PVC or the user's existing claim.
 */
public record StorageLayout(VolumeSpec volume) {

  public static StorageLayout uploads(ChatbotDeploymentSpec spec) {
    return new StorageLayout(
        spec.getStorage() == null || spec.getStorage().getUploads() == null
            ? new VolumeSpec()
            : spec.getStorage().getUploads());
  }

  public static StorageLayout exports(ChatbotDeploymentSpec spec) {
    return new StorageLayout(
        spec.getStorage() == null || spec.getStorage().getExports() == null
            ? new VolumeSpec()
            : spec.getStorage().getExports());
  }

  public boolean usesExistingClaim() {
    return volume.getExistingClaim() != null && !volume.getExistingClaim().isEmpty();
  }

  public String claimName(String operatorClaimName) {
    return usesExistingClaim() ? volume.getExistingClaim() : operatorClaimName;
  }

  /** Only ReadWriteMany can be mounted by old and new pods on different nodes at once. */
  public boolean shared() {
    return volume.getAccessMode() == AccessMode.ReadWriteMany;
  }

  /** Both data volumes shared: rolling updates are safe. Otherwise Recreate avoids Multi-Attach. */
  public static boolean allShared(ChatbotDeploymentSpec spec) {
    return uploads(spec).shared() && exports(spec).shared();
  }
}
