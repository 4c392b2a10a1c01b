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

  private static Builder of(String target, Phase phase, String reason, String message) {
    Builder b = new Builder();
    b.target = target;
    b.phase = phase;
    b.reason = reason;
    b.message = message;
    return b;
  }

  /** Rolling out, or waiting for the Deployment controller. */
  public static RolloutDecision progressing(String target, String reason, String message) {
    return of(target, Phase.Progressing, reason, message).build();
  }

  /** Available, but the stabilization window has not run out. */
  public static RolloutDecision stabilizing(String target, String message, Duration left) {
    Builder b = of(target, Phase.Progressing, "Stabilizing", message);
    b.recheckAfter = Optional.of(left);
    return b.build();
  }

  /** The spec's revision is known-good and healthy. */
  public static RolloutDecision ready(String target, String message) {
    return of(target, Phase.Ready, "Available", message).build();
  }

  /** No pods asked for: nothing to judge, and nothing becomes known-good. */
  public static RolloutDecision scaledToZero(String target, String message) {
    return of(target, Phase.Ready, "ScaledToZero", message).build();
  }

  /** A stabilized revision lost health: reported, never rolled back. */
  public static RolloutDecision degraded(String target, String reason, String message) {
    return of(target, Phase.Degraded, reason, message).build();
  }

  /** The spec's revision failed and the known-good revision runs instead. */
  public static RolloutDecision rolledBack(
      String knownGood, String failed, String reason, String message) {
    Builder b = of(knownGood, Phase.RolledBack, reason, message);
    b.rolledBack = true;
    b.rolledBackFrom = Optional.of(failed);
    return b.build();
  }

  /** The spec's revision failed and nothing is rolled back. */
  public static RolloutDecision failed(String target, String reason, String message) {
    return of(target, Phase.Failed, reason, message).build();
  }

  /** chatbot.dev/rollback-to runs a stored revision. */
  public static RolloutDecision manualRollback(String target, Phase phase, String message) {
    Builder b = of(target, phase, "ManualRollback", message);
    b.rolledBack = true;
    return b.build();
  }

  /** chatbot.dev/rollback-to names nothing that can run: nothing changes. */
  public static RolloutDecision refused(String current, Phase phase, String message, String why) {
    Builder b = of(current, phase, "UnknownRevision", message);
    b.refusal = Optional.of(why);
    return b.build();
  }

  /** The same decision, also writing these marks. */
  public RolloutDecision recording(RevisionMark... more) {
    Builder b = toBuilder();
    b.marks = new ArrayList<>(marks);
    b.marks.addAll(List.of(more));
    return b.build();
  }

  public RolloutDecision recheckingAfter(Duration after) {
    Builder b = toBuilder();
    b.recheckAfter = Optional.ofNullable(after);
    return b.build();
  }

  /** The same decision with what the memory says after its marks. */
  public RolloutDecision remembering(Optional<String> knownGood, Optional<String> failed) {
    Builder b = toBuilder();
    b.lastKnownGood = knownGood;
    b.failedRevision = failed;
    return b.build();
  }

  /** This decision marks the revision stabilized now. */
  public boolean stabilizes(String revision) {
    return marks.stream()
        .anyMatch(m -> m.kind() == RevisionMark.Kind.STABILIZED && m.revision().equals(revision));
  }

  private Builder toBuilder() {
    Builder b = of(target, phase, reason, message);
    b.lastKnownGood = lastKnownGood;
    b.failedRevision = failedRevision;
    b.rolledBack = rolledBack;
    b.rolledBackFrom = rolledBackFrom;
    b.refusal = refusal;
    b.marks = marks;
    b.recheckAfter = recheckAfter;
    return b;
  }

  /** Keeps the named constructors and withers free of eleven positional arguments. */
  private static final class Builder {
    private String target;
    private Phase phase;
    private String reason;
    private String message;
    private Optional<String> lastKnownGood = Optional.empty();
    private Optional<String> failedRevision = Optional.empty();
    private boolean rolledBack;
    private Optional<String> rolledBackFrom = Optional.empty();
    private Optional<String> refusal = Optional.empty();
    private List<RevisionMark> marks = List.of();
    private Optional<Duration> recheckAfter = Optional.empty();

    RolloutDecision build() {
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
          recheckAfter);
    }
  }
}
