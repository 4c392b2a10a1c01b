package dev.chatbot.operator.status;

/** Condition types and reasons the operator writes (CamelCase, per Kubernetes conventions). */
public final class ConditionTypes {

  public static final String READY = "Ready";
  public static final String PROGRESSING = "Progressing";
  public static final String DEGRADED = "Degraded";
  public static final String ROLLED_BACK = "RolledBack";

  /** False while the last reconcile failed after the first success (API error, denial, quota). */
  public static final String RECONCILED = "Reconciled";

  /**
   * digestPolicy Resolve only: whether the tag has a digest. Its reasons are Resolved, Resolving
   * and the names of registry.RegistryFailure (Unauthorized, NotFound, RateLimited, Timeout,
   * Unreachable, BadResponse, TLSError).
   */
  public static final String IMAGE_RESOLVED = "ImageResolved";

  public static final String INVALID_SPEC = "InvalidSpec";
  public static final String MISSING_REFERENCE = "MissingReference";
  public static final String DIGEST_RESOLUTION_FAILED = "DigestResolutionFailed";
  public static final String RECONCILE_ERROR = "ReconcileError";

  private ConditionTypes() {}
}
