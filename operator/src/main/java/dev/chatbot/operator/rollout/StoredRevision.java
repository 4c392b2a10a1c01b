package dev.chatbot.operator.rollout;

import java.time.Instant;
import java.util.Optional;

/**
 * What the operator remembers about one revision, as read from its ControllerRevision.
 *
 * @param revision the pod template hash
 * @param number the ControllerRevision's sequence number (order of first deployment)
 * @param deployedAt when the Deployment was last switched to it (start of its current window)
 * @param availableSince when it last became available in its current window
 * @param stabilizedAt when it last completed a stabilization window
 * @param failedAt when its rollout failed
 * @param failedReason why it failed, CamelCase
 */
public record StoredRevision(
    String revision,
    long number,
    Optional<Instant> deployedAt,
    Optional<Instant> availableSince,
    Optional<Instant> stabilizedAt,
    Optional<Instant> failedAt,
    Optional<String> failedReason) {

  public static StoredRevision fresh(String revision, long number) {
    return new StoredRevision(
        revision,
        number,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** Failed, and not redeployed successfully since. */
  public boolean failed() {
    return failedAt.isPresent()
        && (stabilizedAt.isEmpty() || stabilizedAt.get().isBefore(failedAt.get()));
  }

  /** Completed a stabilization window and has not failed since: a rollback may deploy it. */
  public boolean knownGood() {
    return stabilizedAt.isPresent() && !failed();
  }

  /** Completed the window of its current deployment (not only of an earlier one). */
  public boolean stabilizedSinceDeployed() {
    return stabilizedAt.isPresent() && !before(stabilizedAt.get(), deployedAt);
  }

  /** When it became available in its current deployment, if it has. */
  public Optional<Instant> availableSinceDeployed() {
    return availableSince.filter(t -> !before(t, deployedAt));
  }

  public StoredRevision with(RevisionMark mark) {
    Optional<Instant> at = Optional.of(mark.at());
    return switch (mark.kind()) {
      case DEPLOYED ->
          new StoredRevision(
              revision, number, at, availableSince, stabilizedAt, failedAt, failedReason);
      case AVAILABLE ->
          new StoredRevision(
              revision, number, deployedAt, at, stabilizedAt, failedAt, failedReason);
      case UNAVAILABLE ->
          new StoredRevision(
              revision, number, deployedAt, Optional.empty(), stabilizedAt, failedAt, failedReason);
      case STABILIZED ->
          new StoredRevision(
              revision, number, deployedAt, availableSince, at, failedAt, failedReason);
      case FAILED ->
          new StoredRevision(
              revision,
              number,
              deployedAt,
              availableSince,
              stabilizedAt,
              at,
              Optional.ofNullable(mark.reason()));
    };
  }

  private static boolean before(Instant t, Optional<Instant> reference) {
    return reference.isPresent() && t.isBefore(reference.get());
  }
}
