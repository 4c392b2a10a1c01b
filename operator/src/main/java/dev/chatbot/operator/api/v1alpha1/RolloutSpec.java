package dev.chatbot.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** How new revisions roll out and when they are rolled back. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutSpec {

  /** The one default for how many revisions are kept (also the Deployment's own history). */
  public static final int DEFAULT_REVISION_HISTORY_LIMIT = 10;

  /** The one default for the stabilization window. */
  public static final int DEFAULT_STABILIZATION_SECONDS = 60;

  @Default("true")
  @JsonPropertyDescription(
      "Roll back to the last known-good revision when a rollout fails (default true).")
  private Boolean autoRollback = true;

  @Default("300")
  @Min(30)
  @Max(3600)
  @JsonPropertyDescription("Seconds a rollout may take before it counts as failed (30-3600).")
  private Integer progressDeadlineSeconds = 300;

  @Default("60")
  @Min(0)
  @Max(3600)
  @JsonPropertyDescription(
      "Seconds a new revision must stay available, all replicas updated and ready, before it is"
          + " known-good (0-3600). Failures inside this window roll back; later ones only degrade.")
  private Integer stabilizationSeconds = DEFAULT_STABILIZATION_SECONDS;

  @Default("10")
  @Min(1)
  @Max(100)
  @JsonPropertyDescription("How many revisions are kept for rollback and shown in status.history.")
  private Integer revisionHistoryLimit = DEFAULT_REVISION_HISTORY_LIMIT;

  /** The CR's rollout block, or the defaults when it has none. */
  public static RolloutSpec of(ChatbotDeploymentSpec spec) {
    return spec == null || spec.getRollout() == null ? new RolloutSpec() : spec.getRollout();
  }

  /** autoRollback unless explicitly false. */
  public boolean autoRollbackEnabled() {
    return !Boolean.FALSE.equals(autoRollback);
  }

  public int historyLimit() {
    return revisionHistoryLimit == null ? DEFAULT_REVISION_HISTORY_LIMIT : revisionHistoryLimit;
  }

  public java.time.Duration stabilization() {
    return java.time.Duration.ofSeconds(
        stabilizationSeconds == null ? DEFAULT_STABILIZATION_SECONDS : stabilizationSeconds);
  }

  public Boolean getAutoRollback() {
    return autoRollback;
  }

  public void setAutoRollback(Boolean autoRollback) {
    this.autoRollback = autoRollback;
  }

  public Integer getProgressDeadlineSeconds() {
    return progressDeadlineSeconds;
  }

  public void setProgressDeadlineSeconds(Integer progressDeadlineSeconds) {
    this.progressDeadlineSeconds = progressDeadlineSeconds;
  }

  public Integer getStabilizationSeconds() {
    return stabilizationSeconds;
  }

  public void setStabilizationSeconds(Integer stabilizationSeconds) {
    this.stabilizationSeconds = stabilizationSeconds;
  }

  public Integer getRevisionHistoryLimit() {
    return revisionHistoryLimit;
  }

  public void setRevisionHistoryLimit(Integer revisionHistoryLimit) {
    this.revisionHistoryLimit = revisionHistoryLimit;
  }
}
