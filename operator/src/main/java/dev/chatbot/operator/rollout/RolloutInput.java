package dev.chatbot.operator.rollout;

import java.util.List;
import java.util.Optional;

/**
 * Everything the rollout decision looks at, all read from the cluster (nothing from memory).
 *
 * @param specRevision revision rendered from the current spec
 * @param deployedRevision revision in the Deployment's pod template, if a Deployment exists
 * @param health how the deployed revision is doing
 * @param lastKnownGood from status
 * @param failedRevision from status
 * @param succeededNewestFirst revisions that once became available, newest first (from history)
 * @param storedRevisions revisions that have a ControllerRevision
 * @param rollbackTo the chatbot.dev/rollback-to annotation, if set
 * @param autoRollback spec.rollout.autoRollback
 * @param failureReason why the failed revision failed, as recorded in status when it happened
 */
public record RolloutInput(
    String specRevision,
    Optional<String> deployedRevision,
    Health health,
    Optional<String> lastKnownGood,
    Optional<String> failedRevision,
    List<String> succeededNewestFirst,
    List<String> storedRevisions,
    Optional<String> rollbackTo,
    boolean autoRollback,
    Optional<String> failureReason) {}
