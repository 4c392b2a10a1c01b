package dev.chatbot.operator.rollout;

import dev.chatbot.operator.api.v1alpha1.Phase;
import java.util.Optional;

/**
 * The rollout decision table (docs/rollback.md): a pure function of {@link RolloutInput}. The spec
 * is the wish; a failed spec revision is not retried until the spec (or chatbot.dev/retry) changes,
 * and with autoRollback the last known-good revision runs meanwhile.
 */
public final class RollbackDecider {

  public static final String PREVIOUS = "previous";

  public RolloutDecision decide(RolloutInput in) {
    if (in.rollbackTo().isPresent()) {
      return manual(in, in.rollbackTo().get());
    }
    Optional<String> lkg = in.lastKnownGood();
    boolean specFailed = in.failedRevision().filter(in.specRevision()::equals).isPresent();
    boolean runningSpec = in.deployedRevision().filter(in.specRevision()::equals).isPresent();

    if (specFailed) {
      return holdAfterFailure(in, lkg);
    }
    if (!runningSpec) {
      return progressing(
          in,
          in.specRevision(),
          lkg,
          "RolloutStarted",
          "rolling out revision " + in.specRevision());
    }
    return switch (in.health().state()) {
      case AVAILABLE ->
          new RolloutDecision(
              in.specRevision(),
              Phase.Ready,
              "Available",
              in.health().message(),
              Optional.of(in.specRevision()),
              Optional.empty(),
              false,
              false,
              Optional.empty());
      case DEGRADED ->
          new RolloutDecision(
              in.specRevision(),
              Phase.Degraded,
              in.health().reason(),
              in.health().message(),
              lkg,
              Optional.empty(),
              false,
              false,
              Optional.empty());
      case FAILED -> failed(in, lkg);
      case MISSING, PROGRESSING ->
          progressing(in, in.specRevision(), lkg, in.health().reason(), in.health().message());
    };
  }

  /** The spec's revision just failed: roll back if allowed and possible, else report Failed. */
  private RolloutDecision failed(RolloutInput in, Optional<String> lkg) {
    String failure = in.health().reason();
    boolean canRollBack =
        in.autoRollback()
            && lkg.isPresent()
            && !lkg.get().equals(in.specRevision())
            && in.storedRevisions().contains(lkg.get());
    if (canRollBack) {
      return new RolloutDecision(
          lkg.get(),
          Phase.RolledBack,
          failure,
          "revision "
              + in.specRevision()
              + " failed ("
              + failure
              + "): "
              + in.health().message()
              + "; rolled back to last known-good revision "
              + lkg.get(),
          lkg,
          Optional.of(in.specRevision()),
          true,
          true,
          Optional.empty());
    }
    String why =
        !in.autoRollback()
            ? "autoRollback is off"
            : "there is no known-good revision to roll back to";
    return new RolloutDecision(
        in.specRevision(),
        Phase.Failed,
        failure,
        "revision "
            + in.specRevision()
            + " failed ("
            + failure
            + "): "
            + in.health().message()
            + "; "
            + why,
        lkg,
        Optional.of(in.specRevision()),
        false,
        false,
        Optional.empty());
  }

  /** Already failed earlier: keep the known-good revision running (or the failed one, if none). */
  private RolloutDecision holdAfterFailure(RolloutInput in, Optional<String> lkg) {
    String reason = in.failureReason().orElse("RolloutFailed");
    boolean rollBack =
        in.autoRollback()
            && lkg.isPresent()
            && in.storedRevisions().contains(lkg.get())
            && !lkg.get().equals(in.specRevision());
    if (!rollBack) {
      return new RolloutDecision(
          in.specRevision(),
          Phase.Failed,
          reason,
          "revision "
              + in.specRevision()
              + " failed and is not retried; change the spec or the"
              + " chatbot.dev/retry annotation to try again",
          lkg,
          in.failedRevision(),
          false,
          false,
          Optional.empty());
    }
    boolean lkgRunning = in.deployedRevision().filter(lkg.get()::equals).isPresent();
    String state =
        lkgRunning && in.health().is(Health.State.AVAILABLE)
            ? "is running"
            : "is being restored (" + in.health().message() + ")";
    return new RolloutDecision(
        lkg.get(),
        Phase.RolledBack,
        reason,
        "revision "
            + in.specRevision()
            + " failed; last known-good revision "
            + lkg.get()
            + " "
            + state
            + "; fix the spec (e.g. revert it in Git) or change chatbot.dev/retry to try again",
        lkg,
        in.failedRevision(),
        true,
        false,
        Optional.empty());
  }

  private RolloutDecision manual(RolloutInput in, String requested) {
    Optional<String> target =
        PREVIOUS.equals(requested)
            ? in.succeededNewestFirst().stream()
                .filter(r -> !r.equals(in.specRevision()))
                .findFirst()
            : Optional.of(requested).filter(in.storedRevisions()::contains);
    if (target.isEmpty()) {
      String current = in.deployedRevision().orElse(in.specRevision());
      String why =
          PREVIOUS.equals(requested)
              ? "there is no earlier revision that succeeded"
              : "revision "
                  + requested
                  + " is not stored (known: "
                  + String.join(", ", in.storedRevisions())
                  + ")";
      return new RolloutDecision(
          current,
          phaseOf(in, current),
          "UnknownRevision",
          "chatbot.dev/rollback-to=" + requested + " refused: " + why + "; nothing changed",
          in.lastKnownGood(),
          in.failedRevision(),
          false,
          false,
          Optional.of(why));
    }
    String revision = target.get();
    boolean running = in.deployedRevision().filter(revision::equals).isPresent();
    Phase phase =
        running && in.health().is(Health.State.AVAILABLE)
            ? Phase.RolledBack
            : running && in.health().is(Health.State.FAILED) ? Phase.Failed : Phase.Progressing;
    return new RolloutDecision(
        revision,
        phase,
        "ManualRollback",
        "running revision "
            + revision
            + " as requested by chatbot.dev/rollback-to="
            + requested
            + (running ? " (" + in.health().message() + ")" : "")
            + "; remove the annotation to return to the spec's revision "
            + in.specRevision(),
        running && in.health().is(Health.State.AVAILABLE)
            ? Optional.of(revision)
            : in.lastKnownGood(),
        in.failedRevision(),
        true,
        false,
        Optional.empty());
  }

  private static RolloutDecision progressing(
      RolloutInput in, String target, Optional<String> lkg, String reason, String message) {
    return new RolloutDecision(
        target,
        Phase.Progressing,
        reason,
        message,
        lkg,
        in.failedRevision().filter(f -> !f.equals(target)),
        false,
        false,
        Optional.empty());
  }

  private static Phase phaseOf(RolloutInput in, String current) {
    return switch (in.health().state()) {
      case AVAILABLE -> Phase.Ready;
      case DEGRADED -> Phase.Degraded;
      case FAILED -> Phase.Failed;
      default -> Phase.Progressing;
    };
  }
}
