package dev.chatbot.operator.rollout;

import java.time.Duration;
import java.util.Optional;

/**
 * How the revision the Deployment runs is doing, read from Deployment and Pod status.
 *
 * @param state the verdict
 * @param reason CamelCase cause, e.g. ProgressDeadlineExceeded or CrashLoopBackOff
 * @param message for a human
 * @param recheckAfter when a pending verdict may change by itself (a failure threshold running out)
 */
public record Health(State state, String reason, String message, Optional<Duration> recheckAfter) {

  public enum State {
    /** No Deployment yet. */
    MISSING,
    /** Rolling out; no verdict yet. */
    PROGRESSING,
    /** All replicas updated, ready and available. */
    AVAILABLE,
    /** Was available, now fewer replicas are ready (a pod died, a node went away). */
    DEGRADED,
    /** The rollout failed: deadline exceeded, or new pods stuck in a failing state. */
    FAILED
  }

  public static Health of(State state, String reason, String message) {
    return new Health(state, reason, message, Optional.empty());
  }

  public boolean is(State s) {
    return state == s;
  }
}
