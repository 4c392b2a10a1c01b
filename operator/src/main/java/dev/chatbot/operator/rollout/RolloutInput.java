package dev.chatbot.operator.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything the rollout decision looks at, all read from the cluster (nothing from memory).
 *
 * @param specRevision revision rendered from the current spec
 * @param deployedRevision revision in the Deployment's pod template, if a Deployment exists
 * @param desiredReplicas spec.replicas
 * @param health how the deployed revision is doing
 * @param memory what the stored revisions say (known-good, failed, windows)
 * @param rollbackTo the chatbot.dev/rollback-to annotation, if set
 * @param autoRollback spec.rollout.autoRollback
 * @param stabilization spec.rollout.stabilizationSeconds
 * @param now the time of the observation
 */
public record RolloutInput(
    String specRevision,
    Optional<String> deployedRevision,
    int desiredReplicas,
    Health health,
    RevisionMemory memory,
    Optional<String> rollbackTo,
    boolean autoRollback,
    Duration stabilization,
    Instant now) {

  /** The Deployment runs this revision. */
  public boolean runs(String revision) {
    return deployedRevision.filter(revision::equals).isPresent();
  }
}
