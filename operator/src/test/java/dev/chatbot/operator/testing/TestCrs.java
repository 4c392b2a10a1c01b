package dev.chatbot.operator.testing;

import dev.chatbot.operator.api.v1alpha1.AccessMode;
import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.ChatbotDeploymentSpec;
import dev.chatbot.operator.api.v1alpha1.StorageSpec;
import dev.chatbot.operator.api.v1alpha1.VolumeSpec;
import dev.chatbot.operator.desired.DesiredState;
import dev.chatbot.operator.desired.RenderFacts;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.function.Consumer;

/** Small ChatbotDeployment fixtures: a valid minimal CR, changed by the test that needs more. */
public final class TestCrs {

  public static final String NAME = "chat";
  public static final String NAMESPACE = "team";
  public static final String DIGEST =
      "sha256:3f0a8c3e9b1d4e7a6c5b2f8e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c";
  public static final String OTHER_DIGEST =
      "sha256:0000000000000000000000000000000000000000000000000000000000000001";

  private TestCrs() {}

  /** A valid CR named "chat" in namespace "team", pinned by digest, everything else default. */
  public static ChatbotDeployment minimal() {
    return with(spec -> {});
  }

  /** The minimal CR with its spec changed by {@code change}. */
  public static ChatbotDeployment with(Consumer<ChatbotDeploymentSpec> change) {
    ChatbotDeployment cr = new ChatbotDeployment();
    cr.setMetadata(new ObjectMetaBuilder().withName(NAME).withNamespace(NAMESPACE).build());
    ChatbotDeploymentSpec spec = new ChatbotDeploymentSpec();
    spec.getImage().setDigest(DIGEST);
    change.accept(spec);
    cr.setSpec(spec);
    return cr;
  }

  /** Both data volumes ReadWriteMany, as replicas > 1 needs. */
  public static StorageSpec sharedStorage() {
    StorageSpec storage = new StorageSpec();
    storage.setUploads(volume(AccessMode.ReadWriteMany));
    storage.setExports(volume(AccessMode.ReadWriteMany));
    return storage;
  }

  public static VolumeSpec volume(AccessMode mode) {
    VolumeSpec volume = new VolumeSpec();
    volume.setAccessMode(mode);
    return volume;
  }

  public static DesiredState render(ChatbotDeployment cr) {
    return DesiredState.of(cr, RenderFacts.forEmptyCluster(cr));
  }

  public static PodSpec podSpec(DesiredState state) {
    return state.deployment().getSpec().getTemplate().getSpec();
  }

  public static Container chatContainer(DesiredState state) {
    return podSpec(state).getContainers().get(0);
  }
}
