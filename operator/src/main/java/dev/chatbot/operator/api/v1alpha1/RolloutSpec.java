package dev.chatbot.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** How new revisions roll out and when they are rolled back. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutSpec {

  @Default("true")
  @JsonPropertyDescription(
      "Roll back to the last known-good revision when a rollout fails (default true).")
  private Boolean autoRollback = true;

  @Default("300")
  @Min(30)
  @Max(3600)
  @JsonPropertyDescription("Seconds a rollout may take before it counts as failed (30-3600).")
  private Integer progressDeadlineSeconds = 300;

  @Default("10")
  @Min(1)
  @Max(100)
  @JsonPropertyDescription("How many revisions are kept for rollback and shown in status.history.")
  private Integer revisionHistoryLimit = 10;

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

  public Integer getRevisionHistoryLimit() {
    return revisionHistoryLimit;
  }

  public void setRevisionHistoryLimit(Integer revisionHistoryLimit) {
    this.revisionHistoryLimit = revisionHistoryLimit;
  }
}
