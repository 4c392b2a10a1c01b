package dev.chatbot.operator.api.v1alpha1;

/** What became of one revision. */
public enum RolloutOutcome {
  /** Still rolling out. */
  Progressing,
  /** Completed its stabilization window: available, all replicas updated and ready. */
  Succeeded,
  /** Failed its rollout inside the window (deadline exceeded or pods crash/pull-looping). */
  Failed,
  /** Replaced by a newer revision before finishing. */
  Superseded,
  /** Deployed again by an automatic or manual rollback. */
  RolledBackTo
}
