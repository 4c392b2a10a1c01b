package dev.chatbot.operator.rollout;

import java.time.Duration;
import java.util.Optional;

/**
 * What the Deployment and its pods show about the revision the Deployment runs, before any
 * judgement of what it means for the rollout (that is {@link RollbackDecider}'s job: the same
 * symptom is a failed rollout inside the stabilization window and only a degradation after it).
 *
 * @param state the observed state
 * @param reason CamelCase cause, e.g. ProgressDeadlineExceeded or CrashLoopBackOff
 * @param message for a human
 * @param recheckAfter when the state may change by itself (a failure threshold running out)
 */
public record Health(State state, String reason, String message, Optional<Duration> recheckAfter) {

  public enum State {
    /** No Deployment yet. */
    MISSING,
    /** The Deployment controller is rolling the template out. */
    PROGRESSING,
    /** All replicas updated, ready and available. */
    AVAILABLE,
    /** All replicas updated, but fewer ready than desired, and nothing is stuck. */
    UNAVAILABLE,
    /** Deadline exceeded, or pods stuck in a failing state past the threshold. */
    FAILING
  }

  public static Health of(State state, String reason, String message) {
    return new Health(state, reason, message, Optional.empty());
  }

  public boolean is(State s) {
    return state == s;
  }
}
