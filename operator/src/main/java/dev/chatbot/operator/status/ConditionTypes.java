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

  private ConditionTypes() {}
}
