package dev.chatbot.operator.dependent;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeploymentSpec;
import dev.chatbot.operator.desired.DesiredState;
import dev.chatbot.operator.desired.StorageLayout;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.Optional;

/** PVC for uploaded documents and the app's index. */
@KubernetesDependent(informer = @Informer(labelSelector = OwnedObjects.SELECTOR))
public class UploadsClaimDependentResource extends DataClaimDependentResource {

  @Override
  Optional<PersistentVolumeClaim> claim(DesiredState state) {
    return state.uploadsClaim();
  }

  @Override
  StorageLayout layout(ChatbotDeploymentSpec spec) {
    return StorageLayout.uploads(spec);
  }
}
