package dev.chatbot.operator.rollout;

import java.time.Instant;

/**
 * One fact the decision learned about a stored revision, written onto its ControllerRevision before
 * anything else changes, so a restarted operator knows it too.
 *
 * @param revision the revision it is about
 * @param kind what happened
 * @param at when
 * @param reason why (FAILED only), CamelCase
 */
public record RevisionMark(String revision, Kind kind, Instant at, String reason) {

  public enum Kind {
    /** The operator switched the Deployment to this revision: a new stabilization window. */
    DEPLOYED,
    /** All replicas updated, ready and available: the window's clock starts. */
    AVAILABLE,
    /** No longer available before the window ran out: the clock starts again later. */
    UNAVAILABLE,
    /** Available for the whole window: known-good from now. */
    STABILIZED,
    /** Its rollout failed inside the window: never retried unless the spec changes. */
    FAILED
  }

  public static RevisionMark deployed(String revision, Instant at) {
    return new RevisionMark(revision, Kind.DEPLOYED, at, null);
  }

  public static RevisionMark available(String revision, Instant at) {
    return new RevisionMark(revision, Kind.AVAILABLE, at, null);
  }

  public static RevisionMark unavailable(String revision, Instant at) {
    return new RevisionMark(revision, Kind.UNAVAILABLE, at, null);
  }

  public static RevisionMark stabilized(String revision, Instant at) {
    return new RevisionMark(revision, Kind.STABILIZED, at, null);
  }

  public static RevisionMark failed(String revision, Instant at, String reason) {
    return new RevisionMark(revision, Kind.FAILED, at, reason);
  }
}
