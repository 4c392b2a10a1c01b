package dev.chatbot.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.operator.testing.TestCrs;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

class OmittedZeroValuesTest {

  @Test
  void theComparedCopyLacksWhatTheApiServerOmitsAndTheAppliedObjectKeepsIt() {
    Deployment desired = TestCrs.render(TestCrs.minimal()).deployment();
    assertThat(desired.getSpec().getMinReadySeconds()).isZero();

    Deployment compared = OmittedZeroValues.of(desired);

    assertThat(compared.getSpec().getMinReadySeconds()).isNull();
    assertThat(compared.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts())
        .extracting(VolumeMount::getReadOnly)
        .containsOnlyNulls();
    assertThat(desired.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts())
        .extracting(VolumeMount::getReadOnly)
        .as("the desired object itself is untouched")
        .containsOnly(false);
  }
}
