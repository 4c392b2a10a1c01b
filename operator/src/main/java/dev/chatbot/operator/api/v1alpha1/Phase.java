package dev.chatbot.operator.api.v1alpha1;

/** Where a ChatbotDeployment stands, as a one-word summary of its conditions. */
public enum Phase {
  /**
   * Nothing runs yet and the operator waits on something outside the spec (a Secret, the registry).
   */
  Pending,
  /** A new revision is rolling out. */
  Progressing,
  /** The current revision is available with all replicas ready. */
  Ready,
  /** Running, but not every replica is ready, or something it needs is missing. */
  Degraded,
  /** A rollout failed and the last known-good revision was put back. */
  RolledBack,
  /**
   * A rollout failed with no known-good revision to go back to, or the spec is invalid and nothing
   * runs.
   */
  Failed
}
