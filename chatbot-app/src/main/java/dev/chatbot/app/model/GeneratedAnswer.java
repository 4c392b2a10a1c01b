package dev.chatbot.app.model;

/**
 * The answer text with the token usage the model reported (0 when it reported none) and why it
 * stopped, as the OpenAI wire value ({@code stop}, {@code length}, {@code content_filter}, ...).
 */
public record GeneratedAnswer(
    String text, long inputTokens, long outputTokens, String finishReason) {

  public GeneratedAnswer(String text, long inputTokens, long outputTokens) {
    this(text, inputTokens, outputTokens, "stop");
  }
}
