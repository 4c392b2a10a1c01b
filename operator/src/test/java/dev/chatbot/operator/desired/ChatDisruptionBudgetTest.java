package dev.chatbot.operator.desired;

import static dev.chatbot.operator.testing.TestCrs.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.testing.TestCrs;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChatDisruptionBudgetTest {

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void isAbsentWithAtMostOneReplica(int replicas) {
    ChatbotDeployment cr = TestCrs.with(spec -> spec.setReplicas(replicas));

    DesiredState state = render(cr);

    assertThat(state.podDisruptionBudget()).isEmpty();
    assertThat(state.all()).noneMatch(PodDisruptionBudget.class::isInstance);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 50})
  void letsDrainsTakeOnePodAtATimeWithSeveralReplicas(int replicas) {
    ChatbotDeployment cr =
        TestCrs.with(
            spec -> {
              spec.setReplicas(replicas);
              spec.setStorage(TestCrs.sharedStorage());
            });

    PodDisruptionBudget pdb = render(cr).podDisruptionBudget().orElseThrow();

    assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(pdb.getSpec().getSelector().getMatchLabels())
        .isEqualTo(render(cr).deployment().getSpec().getSelector().getMatchLabels());
  }
}
