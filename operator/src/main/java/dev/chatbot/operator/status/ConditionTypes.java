package dev.chatbot.operator.status;

/** Condition types and reasons the operator writes (CamelCase, per Kubernetes conventions). */
public final class ConditionTypes {

  public static final String READY = "Ready";
  public static final String PROGRESSING = "Progressing";
  public static final String DEGRADED = "Degraded";
  public static final String ROLLED_BACK = "RolledBack";

  public static final String INVALID_SPEC = "InvalidSpec";
  public static final String MISSING_REFERENCE = "MissingReference";
  public static final String DIGEST_RESOLUTION_FAILED = "DigestResolutionFailed";
  public static final String AVAILABLE = "Available";
  public static final String ROLLOUT_IN_PROGRESS = "RolloutInProgress";
  public static final String PODS_NOT_READY = "PodsNotReady";
  public static final String ROLLOUT_FAILED = "RolloutFailed";
  public static final String ROLLBACK_IN_PROGRESS = "RollbackInProgress";
  public static final String MANUAL_ROLLBACK = "ManualRollback";
  public static final String UNKNOWN_REVISION = "UnknownRevision";
  public static final String AS_EXPECTED = "AsExpected";

  private ConditionTypes() {}
}
