package dev.chatbot.app.model;

/** The answer text with the token usage the model reported (0 when it reported none). */
public record GeneratedAnswer(String text, long inputTokens, long outputTokens) {}
