package dev.chatbot.operator.rollout;

import dev.chatbot.operator.api.v1alpha1.Phase;
import java.util.Optional;

/**
 * What to run and what to report.
 *
 * @param target revision the Deployment should run
 * @param phase status.phase
 * @param reason CamelCase reason for the conditions
 * @param message for a human: what happened and what runs
 * @param lastKnownGood new status.lastKnownGoodRevision
 * @param failedRevision new status.failedRevision (empty clears it)
 * @param rolledBack a rollback is in effect (RolledBack condition True)
 * @param rollbackStarted this decision starts an automatic rollback (Event, metric)
 * @param refusal a manual rollback that was refused, with why
 */
public record RolloutDecision(
    String target,
    Phase phase,
    String reason,
    String message,
    Optional<String> lastKnownGood,
    Optional<String> failedRevision,
    boolean rolledBack,
    boolean rollbackStarted,
    Optional<String> refusal) {}
