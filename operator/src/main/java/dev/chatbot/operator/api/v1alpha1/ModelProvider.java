package dev.chatbot.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which language model backend the app uses. */
public enum ModelProvider {
  /** In-process retrieval over uploaded documents; needs no network. */
  @JsonProperty("offline")
  OFFLINE("offline"),
  /** Any OpenAI-compatible endpoint (OpenAI, OpenRouter, vLLM, LocalAI). */
  @JsonProperty("openai")
  OPENAI("openai"),
  /** An Ollama server. */
  @JsonProperty("ollama")
  OLLAMA("ollama");

  private final String value;

  ModelProvider(String value) {
    this.value = value;
  }

  /** The wire value, as the app's CHATBOT_MODEL_PROVIDER expects it. */
  public String value() {
    return value;
  }
}
