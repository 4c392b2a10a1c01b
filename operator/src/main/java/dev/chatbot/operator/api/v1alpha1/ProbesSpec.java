package dev.chatbot.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** Probe timing shared by the startup, liveness and readiness probes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.timeoutSeconds <= self.periodSeconds",
    message = "probes.timeoutSeconds may not exceed probes.periodSeconds",
    fieldPath = ".timeoutSeconds",
    reason = "FieldValueInvalid")
public class ProbesSpec {

  @Default("10")
  @Min(1)
  @Max(300)
  @JsonPropertyDescription("Seconds between probes (1-300, default 10).")
  private Integer periodSeconds = 10;

  @Default("3")
  @Min(1)
  @Max(60)
  @JsonPropertyDescription("Seconds before one probe times out (1-60, default 3).")
  private Integer timeoutSeconds = 3;

  @Default("6")
  @Min(1)
  @Max(30)
  @JsonPropertyDescription("Failed probes in a row before the pod is restarted or unready (1-30).")
  private Integer failureThreshold = 6;

  @Default("20")
  @Min(0)
  @Max(600)
  @JsonPropertyDescription(
      "Seconds the app gets to start before liveness counts (0-600, default 20); the startup"
          + " probe covers this grace plus failureThreshold periods.")
  private Integer startupGraceSeconds = 20;

  public Integer getPeriodSeconds() {
    return periodSeconds;
  }

  public void setPeriodSeconds(Integer periodSeconds) {
    this.periodSeconds = periodSeconds;
  }

  public Integer getTimeoutSeconds() {
    return timeoutSeconds;
  }

  public void setTimeoutSeconds(Integer timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
  }

  public Integer getFailureThreshold() {
    return failureThreshold;
  }

  public void setFailureThreshold(Integer failureThreshold) {
    this.failureThreshold = failureThreshold;
  }

  public Integer getStartupGraceSeconds() {
    return startupGraceSeconds;
  }

  public void setStartupGraceSeconds(Integer startupGraceSeconds) {
    this.startupGraceSeconds = startupGraceSeconds;
  }
}
