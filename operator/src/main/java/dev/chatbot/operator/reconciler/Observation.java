package dev.chatbot.operator.reconciler;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.RolloutSpec;
import dev.chatbot.operator.desired.DesiredState;
import dev.chatbot.operator.naming.Labels;
import dev.chatbot.operator.rollout.Health;
import dev.chatbot.operator.rollout.HealthAssessor;
import dev.chatbot.operator.rollout.RevisionStore;
import dev.chatbot.operator.rollout.RolloutInput;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything one reconcile read from the cluster, gathered before anything is decided or written.
 * Immutable; the decision is a pure function of it.
 *
 * @param cr the CR as the API server has it now (not the informer's copy, which may lag)
 * @param blocker why nothing can roll out; then nothing else was read and desired is null
 * @param desired every owned object the spec asks for, rendered once
 * @param stored the CR's ControllerRevisions (by owner UID), newest first, read fresh
 * @param deployment the Deployment, if it exists
 * @param health what the Deployment and its pods show
 * @param now when it was observed
 * @param image the spec's image pin and what the ImageResolved condition says; empty when the
 *     reconcile was blocked before the image was looked at
 */
public record Observation(
    ChatbotDeployment cr,
    Optional<Blocker> blocker,
    DesiredState desired,
    List<ControllerRevision> stored,
    Optional<Deployment> deployment,
    Health health,
    Instant now,
    Optional<ImageResolution> image) {

  public Observation {
    stored = List.copyOf(stored);
  }

  Observation withImage(ImageResolution resolution) {
    return new Observation(
        cr, blocker, desired, stored, deployment, health, now, Optional.of(resolution));
  }

  static Observation blocked(ChatbotDeployment cr, Blocker blocker, Instant now) {
    return new Observation(
        cr,
        Optional.of(blocker),
        null,
        List.of(),
        Optional.empty(),
        Health.of(Health.State.MISSING, blocker.reason(), blocker.message()),
        now,
        Optional.empty());
  }

  public Optional<String> deployedRevision() {
    return deployment.flatMap(HealthAssessor::deployedRevision);
  }

  /** The rollout decision's input: nothing in it comes from operator memory. */
  public RolloutInput rolloutInput() {
    RolloutSpec rollout = RolloutSpec.of(cr.getSpec());
    var annotations = cr.getMetadata().getAnnotations();
    Optional<String> rollbackTo =
        Optional.ofNullable(annotations)
            .map(a -> a.get(Labels.ROLLBACK_TO))
            .map(String::trim)
            .filter(s -> !s.isEmpty());
    return new RolloutInput(
        desired.specRevision().revision(),
        deployedRevision(),
        cr.getSpec().getReplicas() == null ? 1 : cr.getSpec().getReplicas(),
        health,
        RevisionStore.memoryOf(stored),
        rollbackTo,
        rollout.autoRollbackEnabled(),
        rollout.stabilization(),
        now);
  }
}
