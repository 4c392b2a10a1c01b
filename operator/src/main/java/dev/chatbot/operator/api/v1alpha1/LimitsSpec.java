package dev.chatbot.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Model spend limits in tokens (the runbooks' COST_LIMIT_*), enforced by the app for all replicas
 * together (counts on the shared uploads volume); an omitted field is no limit. Passed as
 * CHATBOT_LIMIT_TOKENS_PER_* (docs/chatbot-app.md).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.tokensPerRequest) || !has(self.tokensPerHour)"
            + " || self.tokensPerRequest <= self.tokensPerHour",
    message = "limits.tokensPerRequest may not exceed limits.tokensPerHour",
    fieldPath = ".tokensPerRequest",
    reason = "FieldValueInvalid")
@ValidationRule(
    value =
        "!has(self.tokensPerHour) || !has(self.tokensPerDay)"
            + " || self.tokensPerHour <= self.tokensPerDay",
    message = "limits.tokensPerHour may not exceed limits.tokensPerDay",
    fieldPath = ".tokensPerHour",
    reason = "FieldValueInvalid")
public class LimitsSpec {

  @Min(1)
  @JsonPropertyDescription(
      "Most tokens one request may use (prompt estimate + answer); the answer is capped to fit.")
  private Long tokensPerRequest;

  @Min(1)
  @JsonPropertyDescription("Tokens per UTC hour, all replicas together; past it requests get 429.")
  private Long tokensPerHour;

  @Min(1)
  @JsonPropertyDescription("Tokens per UTC day, all replicas together; past it requests get 429.")
  private Long tokensPerDay;

  public Long getTokensPerRequest() {
    return tokensPerRequest;
  }

  public void setTokensPerRequest(Long tokensPerRequest) {
    this.tokensPerRequest = tokensPerRequest;
  }

  public Long getTokensPerHour() {
    return tokensPerHour;
  }

  public void setTokensPerHour(Long tokensPerHour) {
    this.tokensPerHour = tokensPerHour;
  }

  public Long getTokensPerDay() {
    return tokensPerDay;
  }

  public void setTokensPerDay(Long tokensPerDay) {
    this.tokensPerDay = tokensPerDay;
  }
}
