package dev.chatbot.operator.rollout;

import dev.chatbot.operator.naming.Labels;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Judges a rollout from what the Deployment controller and the kubelet report. Pure: the same
 * observations always give the same verdict, so an operator restarted mid-rollout reaches it too.
 */
public final class HealthAssessor {

  /** Waiting reasons that do not heal by waiting; past the threshold the rollout has failed. */
  static final Set<String> FAILING_WAITING_REASONS =
      Set.of(
          "CrashLoopBackOff",
          "ImagePullBackOff",
          "ErrImagePull",
          "CreateContainerConfigError",
          "InvalidImageName");

  private final Duration failureThreshold;

  public HealthAssessor(Duration failureThreshold) {
    this.failureThreshold = failureThreshold;
  }

  public Health assess(
      Deployment deployment, Collection<Pod> pods, boolean wasAvailable, Instant now) {
    if (deployment == null) {
      return Health.of(
          Health.State.MISSING, "DeploymentMissing", "the Deployment does not exist yet");
    }
    String revision = deployedRevision(deployment).orElse("");
    // Pods carry the revision themselves, so a failing pod counts even before the Deployment
    // controller has updated the Deployment status.
    Optional<Health> stuck = stuckPods(revision, pods, now);
    if (stuck.isPresent() && stuck.get().is(Health.State.FAILED)) {
      return stuck.get();
    }
    DeploymentStatus status = deployment.getStatus();
    long generation =
        deployment.getMetadata().getGeneration() == null
            ? 0
            : deployment.getMetadata().getGeneration();
    if (status == null
        || status.getObservedGeneration() == null
        || status.getObservedGeneration() < generation) {
      return Health.of(
          Health.State.PROGRESSING,
          "RolloutInProgress",
          "the Deployment controller has not seen revision " + revision + " yet");
    }
    Optional<DeploymentCondition> progressing = condition(status, "Progressing");
    if (progressing.isPresent()
        && "False".equals(progressing.get().getStatus())
        && "ProgressDeadlineExceeded".equals(progressing.get().getReason())) {
      return Health.of(
          Health.State.FAILED,
          "ProgressDeadlineExceeded",
          "revision "
              + revision
              + " did not become available within the progress deadline: "
              + progressing.get().getMessage());
    }
    int desired =
        deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
    int updated = value(status.getUpdatedReplicas());
    int ready = value(status.getReadyReplicas());
    int available = value(status.getAvailableReplicas());
    int total = value(status.getReplicas());
    if (updated >= desired && ready >= desired && available >= desired && total == desired) {
      return Health.of(
          Health.State.AVAILABLE,
          "Available",
          ready + "/" + desired + " pods of revision " + revision + " are ready");
    }
    if (wasAvailable && updated >= desired && total == desired) {
      return Health.of(
          Health.State.DEGRADED,
          "PodsNotReady",
          ready + "/" + desired + " pods of revision " + revision + " are ready");
    }
    Health progressingHealth =
        Health.of(
            Health.State.PROGRESSING,
            "RolloutInProgress",
            "rolling out revision "
                + revision
                + ": "
                + updated
                + " updated, "
                + ready
                + "/"
                + desired
                + " ready");
    return stuck
        .map(
            s ->
                new Health(
                    progressingHealth.state(),
                    progressingHealth.reason(),
                    progressingHealth.message() + "; " + s.message(),
                    s.recheckAfter()))
        .orElse(progressingHealth);
  }

  /** The revision the Deployment's pod template carries. */
  public static Optional<String> deployedRevision(Deployment deployment) {
    if (deployment == null
        || deployment.getSpec() == null
        || deployment.getSpec().getTemplate() == null) {
      return Optional.empty();
    }
    var meta = deployment.getSpec().getTemplate().getMetadata();
    return meta == null || meta.getAnnotations() == null
        ? Optional.empty()
        : Optional.ofNullable(meta.getAnnotations().get(Labels.REVISION));
  }

  /** A failing pod of this revision: FAILED past the threshold, else a recheck when it runs out. */
  private Optional<Health> stuckPods(String revision, Collection<Pod> pods, Instant now) {
    Optional<Health> pending = Optional.empty();
    for (Pod pod : pods) {
      if (!revision.equals(podRevision(pod)) || pod.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      for (ContainerStatus cs : containerStatuses(pod)) {
        if (cs.getState() == null || cs.getState().getWaiting() == null) {
          continue;
        }
        String reason = cs.getState().getWaiting().getReason();
        if (!FAILING_WAITING_REASONS.contains(reason)) {
          continue;
        }
        Instant since = Instant.parse(pod.getMetadata().getCreationTimestamp());
        Duration age = Duration.between(since, now);
        String message =
            "pod "
                + pod.getMetadata().getName()
                + " of revision "
                + revision
                + " is in "
                + reason
                + (cs.getState().getWaiting().getMessage() == null
                    ? ""
                    : ": " + cs.getState().getWaiting().getMessage());
        if (age.compareTo(failureThreshold) >= 0) {
          return Optional.of(Health.of(Health.State.FAILED, reason, message));
        }
        Duration left = failureThreshold.minus(age);
        if (pending.isEmpty() || left.compareTo(pending.get().recheckAfter().orElseThrow()) < 0) {
          pending =
              Optional.of(new Health(Health.State.PROGRESSING, reason, message, Optional.of(left)));
        }
      }
    }
    return pending;
  }

  private static String podRevision(Pod pod) {
    var annotations = pod.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(Labels.REVISION);
  }

  private static java.util.List<ContainerStatus> containerStatuses(Pod pod) {
    if (pod.getStatus() == null) {
      return java.util.List.of();
    }
    java.util.List<ContainerStatus> all = new java.util.ArrayList<>();
    if (pod.getStatus().getInitContainerStatuses() != null) {
      all.addAll(pod.getStatus().getInitContainerStatuses());
    }
    if (pod.getStatus().getContainerStatuses() != null) {
      all.addAll(pod.getStatus().getContainerStatuses());
    }
    return all;
  }

  private static Optional<DeploymentCondition> condition(DeploymentStatus status, String type) {
    return status.getConditions() == null
        ? Optional.empty()
        : status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  private static int value(Integer i) {
    return i == null ? 0 : i;
  }
}
