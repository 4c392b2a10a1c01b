package dev.chatbot.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The language model the app answers with. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.provider == 'offline' || has(self.baseUrl)",
    message = "model.baseUrl is required for provider openai and ollama",
    fieldPath = ".baseUrl",
    reason = "FieldValueRequired")
@ValidationRule(
    value =
        "!has(self.baseUrl) || self.baseUrl.matches('^https?://[^/?#:\\\\s@]+(:[0-9]{1,5})?([/?#][^\\\\s]*)?$')",
    message =
        "model.baseUrl must be an http:// or https:// URL with a host and an optional port, e.g. http://ollama.ai.svc:11434",
    fieldPath = ".baseUrl",
    reason = "FieldValueInvalid")
public class ModelSpec {

  @Default("offline")
  @JsonPropertyDescription(
      "offline (default, no network), openai (any OpenAI-compatible URL) or ollama.")
  private ModelProvider provider = ModelProvider.OFFLINE;

  @Size(max = 2048)
  @JsonPropertyDescription("Base URL of the model API; required for openai and ollama.")
  private String baseUrl;

  @Size(max = 253)
  @JsonPropertyDescription("Model name, e.g. llama3.2 or gpt-4o-mini.")
  private String name;

  @JsonPropertyDescription("Secret key holding the model API key; its content rolls the pods.")
  private SecretKeyRef apiKeySecretRef;

  @Size(max = 16384)
  @JsonPropertyDescription("System prompt prepended to every conversation.")
  private String systemPrompt;

  @Default("60")
  @Min(1)
  @Max(600)
  @JsonPropertyDescription("Seconds to wait for one model answer (1-600).")
  private Integer timeoutSeconds = 60;

  public ModelProvider getProvider() {
    return provider;
  }

  public void setProvider(ModelProvider provider) {
    this.provider = provider;
  }

  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public SecretKeyRef getApiKeySecretRef() {
    return apiKeySecretRef;
  }

  public void setApiKeySecretRef(SecretKeyRef apiKeySecretRef) {
    this.apiKeySecretRef = apiKeySecretRef;
  }

  public String getSystemPrompt() {
    return systemPrompt;
  }

  public void setSystemPrompt(String systemPrompt) {
    this.systemPrompt = systemPrompt;
  }

  public Integer getTimeoutSeconds() {
    return timeoutSeconds;
  }

  public void setTimeoutSeconds(Integer timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
  }
}
