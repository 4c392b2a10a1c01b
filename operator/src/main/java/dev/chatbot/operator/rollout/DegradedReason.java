package dev.chatbot.operator.rollout;

/**
 * The Degraded condition's reason for a revision that completed its stabilization and then shows
 * the symptoms that would fail a rollout: they describe the pods, not a rollout.
 */
public final class DegradedReason {

  public static final String NOT_READY = "PodsNotReady";

  private DegradedReason() {}

  public static String of(String symptom) {
    return switch (symptom) {
      case "CrashLoopBackOff" -> "PodsCrashLooping";
      case "ImagePullBackOff", "ErrImagePull", "InvalidImageName" -> "PodsCannotPullImage";
      case "CreateContainerConfigError" -> "PodsMisconfigured";
      case "ProgressDeadlineExceeded" -> "ProgressDeadlineExceeded";
      default -> NOT_READY;
    };
  }
}
