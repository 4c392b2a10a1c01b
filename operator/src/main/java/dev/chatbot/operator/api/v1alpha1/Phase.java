package dev.chatbot.operator.api.v1alpha1;

/** Where a ChatbotDeployment stands, as a one-word summary of its conditions. */
public enum Phase {
  /**
   * Nothing runs yet and the operator waits on something outside the spec (a Secret, the registry).
   */
  Pending,
  /** A new revision is rolling out, or is available inside its stabilization window. */
  Progressing,
  /** The spec's revision completed its stabilization and all replicas are ready. */
  Ready,
  /**
   * A revision that completed its stabilization lost health (never rolled back), or the spec cannot
   * be deployed while an earlier revision keeps running.
   */
  Degraded,
  /** A rollout failed and the last known-good revision was put back. */
  RolledBack,
  /**
   * A rollout failed with no known-good revision to go back to, or the spec is invalid and nothing
   * runs.
   */
  Failed
}
