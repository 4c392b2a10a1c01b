package dev.chatbot.operator.rollout;

import dev.chatbot.operator.naming.Labels;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@link Health} from what the Deployment controller and the kubelet report. Pure: the same
 * observations always give the same result, so an operator restarted mid-rollout reaches it too.
 */
public final class HealthAssessor {

  /** Waiting reasons that do not heal by waiting; past the threshold they count as failing. */
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

  public Health assess(Deployment deployment, Collection<Pod> pods, Instant now) {
    if (deployment == null) {
      return Health.of(
          Health.State.MISSING, "DeploymentMissing", "the Deployment does not exist yet");
    }
    String revision = deployedRevision(deployment).orElse("");
    // Pods carry the revision themselves, so a failing pod counts even before the Deployment
    // controller has updated the Deployment status.
    Optional<Health> stuck = stuckPods(revision, pods, now);
    if (stuck.isPresent() && stuck.get().is(Health.State.FAILING)) {
      return stuck.get();
    }
    DeploymentStatus status = deployment.getStatus();
    long generation = orZero(deployment.getMetadata().getGeneration());
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
          Health.State.FAILING,
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
    String counts = ready + "/" + desired + " pods of revision " + revision + " are ready";
    if (updated >= desired && ready >= desired && available >= desired && total == desired) {
      return Health.of(Health.State.AVAILABLE, "Available", counts);
    }
    Health verdict =
        updated >= desired && total == desired
            ? Health.of(Health.State.UNAVAILABLE, "PodsNotReady", counts)
            : Health.of(
                Health.State.PROGRESSING,
                "RolloutInProgress",
                "rolling out revision " + revision + ": " + updated + " updated, " + counts);
    return stuck
        .map(
            s ->
                new Health(
                    verdict.state(),
                    verdict.reason(),
                    verdict.message() + "; " + s.message(),
                    s.recheckAfter()))
        .orElse(verdict);
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

  /**
   * A failing pod of this revision: FAILING past the threshold, else a recheck when it runs out.
   */
  private Optional<Health> stuckPods(String revision, Collection<Pod> pods, Instant now) {
    Optional<Health> pending = Optional.empty();
    for (Pod pod : pods) {
      if (!revision.equals(podRevision(pod)) || pod.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      for (ContainerStatus cs : containerStatuses(pod)) {
        if (cs.getState() == null
            || cs.getState().getWaiting() == null
            || !FAILING_WAITING_REASONS.contains(cs.getState().getWaiting().getReason())) {
          continue;
        }
        String reason = cs.getState().getWaiting().getReason();
        Duration failingFor = Duration.between(failingSince(pod, cs), now);
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
        if (failingFor.compareTo(failureThreshold) >= 0) {
          return Optional.of(Health.of(Health.State.FAILING, reason, message));
        }
        Duration left = failureThreshold.minus(failingFor);
        if (pending.isEmpty() || left.compareTo(pending.get().recheckAfter().orElseThrow()) < 0) {
          pending =
              Optional.of(new Health(Health.State.PROGRESSING, reason, message, Optional.of(left)));
        }
      }
    }
    return pending;
  }

  /**
   * When the container entered its failing state, not when the pod was created: a pod that ran for
   * days and starts crash-looping now has been failing for seconds. The kubelet's ContainersReady
   * condition turned False at that moment; without it, the end of the container's last run (its
   * last restart), then the pod's start.
   */
  static Instant failingSince(Pod pod, ContainerStatus cs) {
    Optional<String> notReadySince =
        pod.getStatus().getConditions() == null
            ? Optional.empty()
            : pod.getStatus().getConditions().stream()
                .filter(c -> "ContainersReady".equals(c.getType()) && "False".equals(c.getStatus()))
                .map(PodCondition::getLastTransitionTime)
                .filter(t -> t != null && !t.isEmpty())
                .findFirst();
    Optional<String> lastRestart =
        Optional.ofNullable(cs.getLastState())
            .map(s -> s.getTerminated())
            .map(t -> t.getFinishedAt())
            .filter(t -> !t.isEmpty());
    String since =
        notReadySince
            .or(() -> lastRestart)
            .or(() -> Optional.ofNullable(pod.getStatus().getStartTime()))
            .orElse(pod.getMetadata().getCreationTimestamp());
    return Instant.parse(since);
  }

  private static String podRevision(Pod pod) {
    var annotations = pod.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(Labels.REVISION);
  }

  private static List<ContainerStatus> containerStatuses(Pod pod) {
    if (pod.getStatus() == null) {
      return List.of();
    }
    List<ContainerStatus> all = new ArrayList<>();
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

  private static long orZero(Long l) {
    return l == null ? 0 : l;
  }
}
