package dev.chatbot.operator.desired;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Optional;

/** A PVC for uploads or exports; none when the user brings an existing claim. */
public final class DataVolumeClaim {

  private DataVolumeClaim() {}

  public static Optional<PersistentVolumeClaim> build(
      ChatbotDeployment cr, StorageLayout layout, String claimName) {
    if (layout.usesExistingClaim()) {
      return Optional.empty();
    }
    String storageClass = layout.volume().getStorageClassName();
    return Optional.of(
        new PersistentVolumeClaimBuilder()
            .withMetadata(ChildMetadata.of(cr, claimName))
            .withNewSpec()
            .withAccessModes(layout.volume().getAccessMode().name())
            .withStorageClassName(
                storageClass == null || storageClass.isEmpty() ? null : storageClass)
            .withNewResources()
            .addToRequests("storage", new Quantity(layout.volume().getSize()))
            .endResources()
            .endSpec()
            .build());
  }
}
