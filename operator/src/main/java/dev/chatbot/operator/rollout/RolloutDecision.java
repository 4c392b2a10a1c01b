package dev.chatbot.operator.rollout;

import dev.chatbot.operator.api.v1alpha1.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What to run, what to remember and what to report. Built with the named constructors, then given
 * the memory's verdict on known-good and failed revisions by {@link RollbackDecider}.
 *
 * @param target revision the Deployment should run
 * @param phase status.phase
 * @param reason CamelCase reason for the conditions
 * @param message for a human: what happened and what runs
 * @param lastKnownGood new status.lastKnownGoodRevision: what a rollback would deploy
 * @param failedRevision new status.failedRevision
 * @param rolledBack a rollback is in effect (RolledBack condition True)
 * @param rolledBackFrom the failed revision an automatic rollback replaced (RolledBack Event)
 * @param refusal a manual rollback that was refused, with why
 * @param marks facts to write onto the stored revisions before anything is applied
 * @param recheckAfter when to look again although nothing changes (a window or threshold ends)
 */
public record RolloutDecision(
    String target,
    Phase phase,
    String reason,
    String message,
    Optional<String> lastKnownGood,
    Optional<String> failedRevision,
    boolean rolledBack,
    Optional<String> rolledBackFrom,
    Optional<String> refusal,
    List<RevisionMark> marks,
    Optional<Duration> recheckAfter) {

  public RolloutDecision {
    marks = List.copyOf(marks);
  }

  private static RolloutDecision of(String target, Phase phase, String reason, String message) {
    return new RolloutDecision(
        target,
        phase,
        reason,
        message,
        Optional.empty(),
        Optional.empty(),
        false,
        Optional.empty(),
        Optional.empty(),
        List.of(),
        Optional.empty());
  }

  /** Rolling out, or waiting for the Deployment controller. */
  public static RolloutDecision progressing(String target, String reason, String message) {
    return of(target, Phase.Progressing, reason, message);
  }

  /** Available, but the stabilization window has not run out. */
  public static RolloutDecision stabilizing(String target, String message, Duration left) {
    return of(target, Phase.Progressing, "Stabilizing", message).recheckingAfter(left);
  }

  /** The spec's revision is known-good and healthy. */
  public static RolloutDecision ready(String target, String message) {
    return of(target, Phase.Ready, "Available", message);
  }

  /** No pods asked for: nothing to judge, and nothing becomes known-good. */
  public static RolloutDecision scaledToZero(String target, String message) {
    return of(target, Phase.Ready, "ScaledToZero", message);
  }

  /** A stabilized revision lost health: reported, never rolled back. */
  public static RolloutDecision degraded(String target, String reason, String message) {
    return of(target, Phase.Degraded, reason, message);
  }

  /** The spec's revision failed and the known-good revision runs instead. */
  public static RolloutDecision rolledBack(
      String knownGood, String failed, String reason, String message) {
    RolloutDecision d = of(knownGood, Phase.RolledBack, reason, message);
    return new RolloutDecision(
        d.target,
        d.phase,
        d.reason,
        d.message,
        d.lastKnownGood,
        d.failedRevision,
        true,
        Optional.of(failed),
        d.refusal,
        d.marks,
        d.recheckAfter);
  }

  /** The spec's revision failed and nothing is rolled back. */
  public static RolloutDecision failed(String target, String reason, String message) {
    return of(target, Phase.Failed, reason, message);
  }

  /** chatbot.dev/rollback-to runs a stored revision. */
  public static RolloutDecision manualRollback(String target, Phase phase, String message) {
    RolloutDecision d = of(target, phase, "ManualRollback", message);
    return new RolloutDecision(
        d.target,
        d.phase,
        d.reason,
        d.message,
        d.lastKnownGood,
        d.failedRevision,
        true,
        Optional.empty(),
        d.refusal,
        d.marks,
        d.recheckAfter);
  }

  /** chatbot.dev/rollback-to names nothing that can run: nothing changes. */
  public static RolloutDecision refused(String current, Phase phase, String message, String why) {
    RolloutDecision d = of(current, phase, "UnknownRevision", message);
    return new RolloutDecision(
        d.target,
        d.phase,
        d.reason,
        d.message,
        d.lastKnownGood,
        d.failedRevision,
        false,
        Optional.empty(),
        Optional.of(why),
        d.marks,
        d.recheckAfter);
  }

  /** The same decision, also writing these marks. */
  public RolloutDecision recording(RevisionMark... more) {
    List<RevisionMark> all = new ArrayList<>(marks);
    all.addAll(List.of(more));
    return new RolloutDecision(
        target,
        phase,
        reason,
        message,
        lastKnownGood,
        failedRevision,
        rolledBack,
        rolledBackFrom,
        refusal,
        all,
        recheckAfter);
  }

  public RolloutDecision recheckingAfter(Duration after) {
    return new RolloutDecision(
        target,
        phase,
        reason,
        message,
        lastKnownGood,
        failedRevision,
        rolledBack,
        rolledBackFrom,
        refusal,
        marks,
        Optional.ofNullable(after));
  }

  /** The same decision with what the memory says after its marks. */
  public RolloutDecision remembering(Optional<String> knownGood, Optional<String> failed) {
    return new RolloutDecision(
        target,
        phase,
        reason,
        message,
        knownGood,
        failed,
        rolledBack,
        rolledBackFrom,
        refusal,
        marks,
        recheckAfter);
  }

  /** This decision marks the revision stabilized now. */
  public boolean stabilizes(String revision) {
    return marks.stream()
        .anyMatch(m -> m.kind() == RevisionMark.Kind.STABILIZED && m.revision().equals(revision));
  }
}
