package dev.chatbot.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.operator.naming.Labels;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Observed Deployment and pods -> Health, one row per situation. Threshold 60 s. */
class HealthAssessorTest {

  static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  static final HealthAssessor ASSESSOR = new HealthAssessor(Duration.ofSeconds(60));

  /** A Deployment of revision "rev" at generation 2 with this status. */
  static Deployment deployment(
      long observed, int replicas, int updated, int ready, int available, String progressing) {
    var status =
        new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
            .withObservedGeneration(observed)
            .withReplicas(replicas)
            .withUpdatedReplicas(updated)
            .withReadyReplicas(ready)
            .withAvailableReplicas(available);
    if (progressing != null) {
      status.withConditions(
          new DeploymentConditionBuilder()
              .withType("Progressing")
              .withStatus("NewReplicaSetAvailable".equals(progressing) ? "True" : "False")
              .withReason(progressing)
              .withMessage("ReplicaSet has timed out progressing")
              .build());
    }
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("chat")
        .withGeneration(2L)
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .withNewTemplate()
        .withNewMetadata()
        .addToAnnotations(Labels.REVISION, "rev")
        .endMetadata()
        .endTemplate()
        .endSpec()
        .withStatus(status.build())
        .build();
  }

  static Deployment available() {
    return deployment(2, 1, 1, 1, 1, "NewReplicaSetAvailable");
  }

  /**
   * A pod of revision "rev" created an hour ago whose container waits in {@code reason}; it has
   * been not ready since {@code failingForSeconds} ago (null: no condition, only the creation
   * time).
   */
  static Pod waiting(String reason, Integer failingForSeconds, String revision) {
    var status =
        new io.fabric8.kubernetes.api.model.PodStatusBuilder()
            .withContainerStatuses(
                new ContainerStatusBuilder()
                    .withName("chatbot")
                    .withReady(false)
                    .withRestartCount(7)
                    .withNewState()
                    .withNewWaiting()
                    .withReason(reason)
                    .endWaiting()
                    .endState()
                    .build());
    if (failingForSeconds != null) {
      status.withConditions(
          new PodConditionBuilder()
              .withType("ContainersReady")
              .withStatus("False")
              .withLastTransitionTime(NOW.minusSeconds(failingForSeconds).toString())
              .build());
    }
    return new PodBuilder()
        .withNewMetadata()
        .withName("chat-x")
        .withCreationTimestamp(NOW.minus(Duration.ofHours(1)).toString())
        .addToAnnotations(Labels.REVISION, revision)
        .endMetadata()
        .withStatus(status.build())
        .build();
  }

  static Stream<Arguments> observations() {
    return Stream.of(
        Arguments.of("no Deployment", null, List.of(), Health.State.MISSING, "DeploymentMissing"),
        Arguments.of(
            "generation not observed yet",
            deployment(1, 1, 1, 1, 1, null),
            List.of(),
            Health.State.PROGRESSING,
            "RolloutInProgress"),
        Arguments.of(
            "all replicas updated, ready and available",
            available(),
            List.of(),
            Health.State.AVAILABLE,
            "Available"),
        Arguments.of(
            "new pod not created yet",
            deployment(2, 1, 0, 0, 0, null),
            List.of(),
            Health.State.PROGRESSING,
            "RolloutInProgress"),
        Arguments.of(
            "all updated but not ready",
            deployment(2, 1, 1, 0, 0, "NewReplicaSetAvailable"),
            List.of(),
            Health.State.UNAVAILABLE,
            "PodsNotReady"),
        Arguments.of(
            "progress deadline exceeded",
            deployment(2, 1, 1, 0, 0, "ProgressDeadlineExceeded"),
            List.of(),
            Health.State.FAILING,
            "ProgressDeadlineExceeded"),
        Arguments.of(
            "crash loop past the threshold",
            deployment(2, 1, 1, 0, 0, null),
            List.of(waiting("CrashLoopBackOff", 61, "rev")),
            Health.State.FAILING,
            "CrashLoopBackOff"),
        Arguments.of(
            "an old pod that started crashing just now is not failing yet",
            deployment(2, 1, 1, 0, 0, null),
            List.of(waiting("CrashLoopBackOff", 5, "rev")),
            Health.State.UNAVAILABLE,
            "PodsNotReady"),
        Arguments.of(
            "without conditions the pod's creation counts",
            deployment(2, 1, 1, 0, 0, null),
            List.of(waiting("ImagePullBackOff", null, "rev")),
            Health.State.FAILING,
            "ImagePullBackOff"),
        Arguments.of(
            "config error past the threshold, before the Deployment status catches up",
            deployment(1, 1, 0, 0, 0, null),
            List.of(waiting("CreateContainerConfigError", 90, "rev")),
            Health.State.FAILING,
            "CreateContainerConfigError"),
        Arguments.of(
            "a failing pod of another revision does not count",
            available(),
            List.of(waiting("CrashLoopBackOff", 600, "other")),
            Health.State.AVAILABLE,
            "Available"),
        Arguments.of(
            "a waiting reason that heals by waiting does not count",
            deployment(2, 1, 1, 0, 0, null),
            List.of(waiting("ContainerCreating", 600, "rev")),
            Health.State.UNAVAILABLE,
            "PodsNotReady"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("observations")
  void assesses(
      String name, Deployment deployment, List<Pod> pods, Health.State state, String reason) {
    Health health = ASSESSOR.assess(deployment, pods, NOW);

    assertThat(health.state()).as("state").isEqualTo(state);
    assertThat(health.reason()).as("reason").isEqualTo(reason);
  }

  @org.junit.jupiter.api.Test
  void aFailingPodBelowTheThresholdSaysWhenToLookAgain() {
    Health health =
        ASSESSOR.assess(
            deployment(2, 1, 1, 0, 0, null), List.of(waiting("CrashLoopBackOff", 20, "rev")), NOW);

    assertThat(health.recheckAfter()).isEqualTo(Optional.of(Duration.ofSeconds(40)));
    assertThat(health.message()).contains("CrashLoopBackOff");
  }
}
