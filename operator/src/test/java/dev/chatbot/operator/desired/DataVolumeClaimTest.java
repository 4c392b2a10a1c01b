package dev.chatbot.operator.desired;

import static dev.chatbot.operator.testing.TestCrs.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.operator.api.v1alpha1.AccessMode;
import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.StorageSpec;
import dev.chatbot.operator.api.v1alpha1.VolumeSpec;
import dev.chatbot.operator.testing.TestCrs;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import org.junit.jupiter.api.Test;

class DataVolumeClaimTest {

  @Test
  void persistsBothVolumesAsOneGibReadWriteOnceWithNoStorageBlock() {
    DesiredState state = render(TestCrs.minimal());

    for (PersistentVolumeClaim claim :
        new PersistentVolumeClaim[] {
          state.uploadsClaim().orElseThrow(), state.exportsClaim().orElseThrow()
        }) {
      assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
      assertThat(claim.getSpec().getResources().getRequests().get("storage").toString())
          .isEqualTo("1Gi");
      assertThat(claim.getSpec().getStorageClassName()).isNull();
      assertThat(claim.getMetadata().getNamespace()).isEqualTo(TestCrs.NAMESPACE);
    }
    assertThat(state.uploadsClaim().orElseThrow().getMetadata().getName())
        .isEqualTo("chat-uploads");
    assertThat(state.exportsClaim().orElseThrow().getMetadata().getName())
        .isEqualTo("chat-exports");
  }

  @Test
  void takesSizeAccessModeAndStorageClassFromTheSpec() {
    ChatbotDeployment cr =
        TestCrs.with(
            spec -> {
              VolumeSpec uploads = TestCrs.volume(AccessMode.ReadWriteMany);
              uploads.setSize("5Gi");
              uploads.setStorageClassName("nfs");
              StorageSpec storage = new StorageSpec();
              storage.setUploads(uploads);
              spec.setStorage(storage);
            });

    PersistentVolumeClaim uploads = render(cr).uploadsClaim().orElseThrow();

    assertThat(uploads.getSpec().getAccessModes()).containsExactly("ReadWriteMany");
    assertThat(uploads.getSpec().getResources().getRequests().get("storage").toString())
        .isEqualTo("5Gi");
    assertThat(uploads.getSpec().getStorageClassName()).isEqualTo("nfs");
  }

  @Test
  void rendersNoClaimForAnExistingClaim() {
    ChatbotDeployment cr =
        TestCrs.with(
            spec -> {
              VolumeSpec exports = new VolumeSpec();
              exports.setExistingClaim("archive");
              StorageSpec storage = new StorageSpec();
              storage.setExports(exports);
              spec.setStorage(storage);
            });

    DesiredState state = render(cr);

    assertThat(state.exportsClaim()).isEmpty();
    assertThat(state.all())
        .noneMatch(
            o ->
                o instanceof PersistentVolumeClaim c
                    && c.getMetadata().getName().contains("exports"));
  }
}
