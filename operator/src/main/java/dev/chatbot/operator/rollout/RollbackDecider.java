package dev.chatbot.operator.rollout;

import dev.chatbot.operator.api.v1alpha1.Phase;
import java.time.Duration;
import java.util.Optional;

/**
 * The rollout state model of docs/rollback.md, as a pure function of {@link RolloutInput}. The spec
 * is the wish. A revision is judged strictly only inside its stabilization window: a failure there
 * is a failed rollout (rolled back, never retried until the spec or chatbot.dev/retry changes);
 * after the window the same symptoms only make the CR Degraded, as Kubernetes, Argo Rollouts and
 * Flagger treat a promoted release.
 */
public final class RollbackDecider {

  public static final String PREVIOUS = "previous";

  public RolloutDecision decide(RolloutInput in) {
    RolloutDecision decision = choose(in);
    RevisionMemory after = in.memory().apply(decision.marks());
    return decision.remembering(after.lastKnownGood(), after.failedRevision());
  }

  private RolloutDecision choose(RolloutInput in) {
    if (in.rollbackTo().isPresent()) {
      return manual(in, in.rollbackTo().get());
    }
    String spec = in.specRevision();
    Optional<StoredRevision> stored = in.memory().find(spec);
    if (stored.filter(StoredRevision::failed).isPresent()) {
      return afterFailure(in, stored.get());
    }
    if (!in.runs(spec)) {
      return RolloutDecision.progressing(spec, "RolloutStarted", "rolling out revision " + spec)
          .recording(RevisionMark.deployed(spec, in.now()));
    }
    if (in.desiredReplicas() == 0) {
      return RolloutDecision.scaledToZero(
          spec,
          "scaled to zero replicas; revision "
              + spec
              + " becomes known-good only after it has run and stabilized");
    }
    return stored.filter(StoredRevision::stabilizedSinceDeployed).isPresent()
        ? steady(in)
        : inWindow(in, stored);
  }

  /** The spec's revision completed its window: symptoms degrade, nothing is rolled back. */
  private RolloutDecision steady(RolloutInput in) {
    Health h = in.health();
    String spec = in.specRevision();
    return switch (h.state()) {
      case AVAILABLE -> RolloutDecision.ready(spec, h.message());
      case FAILING ->
          RolloutDecision.degraded(
              spec,
              DegradedReason.of(h.reason()),
              h.message()
                  + "; revision "
                  + spec
                  + " had completed its stabilization, so it is not rolled back");
      case UNAVAILABLE -> RolloutDecision.degraded(spec, DegradedReason.NOT_READY, h.message());
      case MISSING, PROGRESSING ->
          RolloutDecision.progressing(spec, h.reason(), h.message())
              .recheckingAfter(h.recheckAfter().orElse(null));
    };
  }

  /** The spec's revision is rolling out or inside its stabilization window. */
  private RolloutDecision inWindow(RolloutInput in, Optional<StoredRevision> stored) {
    Health h = in.health();
    String spec = in.specRevision();
    Optional<java.time.Instant> availableSince =
        stored.flatMap(StoredRevision::availableSinceDeployed);
    if (h.is(Health.State.FAILING)) {
      return failed(in);
    }
    if (!h.is(Health.State.AVAILABLE)) {
      RolloutDecision d =
          RolloutDecision.progressing(spec, h.reason(), h.message())
              .recheckingAfter(h.recheckAfter().orElse(null));
      // Readiness lost inside the window: the window starts again once it is back.
      return availableSince.isPresent() ? d.recording(RevisionMark.unavailable(spec, in.now())) : d;
    }
    return window(in, availableSince, h.message());
  }

  /**
   * Ready (and known-good from now) once the revision has been available for a whole window, else
   * Stabilizing with the time left; the start of the window is recorded the first time.
   */
  private RolloutDecision window(
      RolloutInput in, Optional<java.time.Instant> availableSince, String message) {
    return window(
        in,
        availableSince,
        message,
        left ->
            RolloutDecision.stabilizing(
                in.specRevision(),
                message + "; known-good after " + seconds(left) + " more without failures",
                left));
  }

  private RolloutDecision window(
      RolloutInput in,
      Optional<java.time.Instant> availableSince,
      String message,
      java.util.function.Function<Duration, RolloutDecision> meanwhile) {
    String spec = in.specRevision();
    java.time.Instant since = availableSince.orElse(in.now());
    Duration left = in.stabilization().minus(Duration.between(since, in.now()));
    RolloutDecision d =
        left.isNegative() || left.isZero()
            ? RolloutDecision.ready(spec, message)
                .recording(RevisionMark.stabilized(spec, in.now()))
            : meanwhile.apply(left);
    return availableSince.isPresent() ? d : d.recording(RevisionMark.available(spec, since));
  }

  /** The spec's revision just failed inside its window: roll back if allowed and possible. */
  private RolloutDecision failed(RolloutInput in) {
    String spec = in.specRevision();
    Health h = in.health();
    RevisionMark failure = RevisionMark.failed(spec, in.now(), h.reason());
    Optional<String> lkg =
        in.memory().apply(java.util.List.of(failure)).lastKnownGood().filter(r -> !r.equals(spec));
    String what = failedText(spec, h.reason()) + ": " + h.message();
    if (in.autoRollback() && lkg.isPresent()) {
      return RolloutDecision.rolledBack(
              lkg.get(),
              spec,
              h.reason(),
              what + "; rolled back to last known-good revision " + lkg.get())
          .recording(failure, RevisionMark.deployed(lkg.get(), in.now()));
    }
    return RolloutDecision.failed(spec, h.reason(), what + "; " + whyNoRollback(in))
        .recording(failure);
  }

  /** The spec's revision failed earlier: keep the known-good revision running, if there is one. */
  private RolloutDecision afterFailure(RolloutInput in, StoredRevision failed) {
    String spec = in.specRevision();
    String reason = failed.failedReason().orElse("RolloutFailed");
    Optional<String> lkg = in.memory().lastKnownGood();
    if (!in.autoRollback() || lkg.isEmpty()) {
      RolloutDecision stillFailed =
          RolloutDecision.failed(
              spec,
              reason,
              failedText(spec, reason)
                  + " and is not retried; "
                  + whyNoRollback(in)
                  + "; change the spec or the chatbot.dev/retry annotation to try again");
      if (!in.runs(spec)) {
        // Back from a manual rollback-to: a new deployment of it, whose window starts anew.
        return stillFailed.recording(RevisionMark.deployed(spec, in.now()));
      }
      return in.desiredReplicas() > 0
          ? servingAfterFailure(in, failed, reason, stillFailed)
          : stillFailed;
    }
    String good = lkg.get();
    boolean running = in.runs(good);
    String state =
        running && in.health().is(Health.State.AVAILABLE)
            ? "is running"
            : "is being restored (" + in.health().message() + ")";
    RolloutDecision d =
        RolloutDecision.rolledBack(
            good,
            spec,
            reason,
            failedText(spec, reason)
                + "; last known-good revision "
                + good
                + " "
                + state
                + "; fix the spec (e.g. revert it in Git) or change chatbot.dev/retry to try again");
    return running ? d : d.recording(RevisionMark.deployed(good, in.now()));
  }

  /**
   * A failed revision that kept running (nothing to roll back to) and serves again, e.g. a first
   * revision that missed its deadline while its volumes were provisioned: it gets a new window from
   * when it became available after the failure, and completing it heals the failure. It is not
   * retried: it never stopped running.
   */
  private RolloutDecision servingAfterFailure(
      RolloutInput in, StoredRevision failed, String reason, RolloutDecision stillFailed) {
    Health h = in.health();
    String spec = in.specRevision();
    java.time.Instant failedAt = failed.failedAt().orElseThrow();
    // Only availability of its current deployment and after the failure counts.
    Optional<java.time.Instant> availableSince =
        failed.availableSinceDeployed().filter(t -> t.isAfter(failedAt));
    if (!h.is(Health.State.AVAILABLE)) {
      return availableSince.isPresent()
          ? stillFailed.recording(RevisionMark.unavailable(spec, in.now()))
          : stillFailed;
    }
    String serving = failedText(spec, reason) + " and serves again: " + h.message();
    // Still Failed until the window is over: a revision that serves on and off stays Failed
    // instead of flapping between Failed and Progressing (one Warning Event per flap).
    return window(
        in,
        availableSince,
        serving,
        left ->
            RolloutDecision.failed(
                    spec,
                    reason,
                    serving
                        + "; Ready and known-good after "
                        + seconds(left)
                        + " more without failures")
                .recheckingAfter(left));
  }

  private RolloutDecision manual(RolloutInput in, String requested) {
    Optional<String> target =
        PREVIOUS.equals(requested)
            ? in.memory().knownGoodNewestFirst().stream()
                .filter(r -> !r.equals(in.specRevision()))
                .findFirst()
            : Optional.of(requested).filter(in.memory()::contains);
    if (target.isEmpty()) {
      String current = in.deployedRevision().orElse(in.specRevision());
      String why =
          PREVIOUS.equals(requested)
              ? "there is no earlier revision that succeeded"
              : "revision "
                  + requested
                  + " is not stored (known: "
                  + String.join(", ", in.memory().names())
                  + ")";
      return RolloutDecision.refused(
          current,
          phaseOf(in.health()),
          "chatbot.dev/rollback-to=" + requested + " refused: " + why + "; nothing changed",
          why);
    }
    String revision = target.get();
    boolean running = in.runs(revision);
    Health h = in.health();
    Phase phase =
        !running
            ? Phase.Progressing
            : h.is(Health.State.AVAILABLE)
                ? Phase.RolledBack
                : h.is(Health.State.FAILING) ? Phase.Failed : Phase.Progressing;
    RolloutDecision d =
        RolloutDecision.manualRollback(
            revision,
            phase,
            "running revision "
                + revision
                + " as requested by chatbot.dev/rollback-to="
                + requested
                + (running ? " (" + h.message() + ")" : "")
                + "; remove the annotation to return to the spec's revision "
                + in.specRevision());
    return running ? d : d.recording(RevisionMark.deployed(revision, in.now()));
  }

  private static String failedText(String revision, String reason) {
    return "revision " + revision + " failed (" + reason + ")";
  }

  private static String whyNoRollback(RolloutInput in) {
    return !in.autoRollback()
        ? "autoRollback is off"
        : "there is no known-good revision to roll back to";
  }

  private static Phase phaseOf(Health health) {
    return switch (health.state()) {
      case AVAILABLE -> Phase.Ready;
      case UNAVAILABLE, FAILING -> Phase.Degraded;
      case MISSING, PROGRESSING -> Phase.Progressing;
    };
  }

  private static String seconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000) + "s";
  }
}
