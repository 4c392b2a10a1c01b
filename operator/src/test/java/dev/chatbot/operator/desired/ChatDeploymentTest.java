package dev.chatbot.operator.desired;

import static dev.chatbot.operator.testing.TestCrs.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.operator.api.v1alpha1.AccessMode;
import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.StorageSpec;
import dev.chatbot.operator.testing.TestCrs;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import org.junit.jupiter.api.Test;

class ChatDeploymentTest {

  @Test
  void recreatesPodsWithTheDefaultReadWriteOnceVolumes() {
    DeploymentStrategy strategy = render(TestCrs.minimal()).deployment().getSpec().getStrategy();

    assertThat(strategy.getType()).isEqualTo("Recreate");
    assertThat(strategy.getRollingUpdate()).isNull();
  }

  @Test
  void recreatesPodsWhenOnlyOneVolumeIsShared() {
    ChatbotDeployment cr =
        TestCrs.with(
            spec -> {
              StorageSpec storage = new StorageSpec();
              storage.setUploads(TestCrs.volume(AccessMode.ReadWriteMany));
              storage.setExports(TestCrs.volume(AccessMode.ReadWriteOncePod));
              spec.setStorage(storage);
            });

    assertThat(render(cr).deployment().getSpec().getStrategy().getType()).isEqualTo("Recreate");
  }

  @Test
  void rollsWithoutUnavailabilityWhenBothVolumesAreShared() {
    ChatbotDeployment cr =
        TestCrs.with(
            spec -> {
              spec.setReplicas(3);
              spec.setStorage(TestCrs.sharedStorage());
            });

    DeploymentStrategy strategy = render(cr).deployment().getSpec().getStrategy();

    assertThat(strategy.getType()).isEqualTo("RollingUpdate");
    assertThat(strategy.getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
    assertThat(strategy.getRollingUpdate().getMaxSurge().getIntVal()).isEqualTo(1);
  }

  @Test
  void runsTheRequestedReplicasInTheCrsNamespace() {
    ChatbotDeployment cr =
        TestCrs.with(
            spec -> {
              spec.setReplicas(3);
              spec.setStorage(TestCrs.sharedStorage());
            });

    Deployment deployment = render(cr).deployment();

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
    assertThat(deployment.getMetadata().getName()).isEqualTo(TestCrs.NAME);
    assertThat(deployment.getMetadata().getNamespace()).isEqualTo(TestCrs.NAMESPACE);
    assertThat(deployment.getSpec().getSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/instance", TestCrs.NAME);
  }

  @Test
  void takesTheProgressDeadlineAndHistoryFromTheRolloutSettings() {
    Deployment deployment = render(TestCrs.minimal()).deployment();

    assertThat(deployment.getSpec().getProgressDeadlineSeconds()).isEqualTo(300);
    assertThat(deployment.getSpec().getRevisionHistoryLimit()).isEqualTo(10);
  }
}
