package dev.chatbot.app.model;

import dev.chatbot.app.documents.Passage;
import java.util.List;

/** A question with the passages retrieved for it and the earlier turns of the conversation. */
public record Prompt(String question, List<Passage> passages, List<HistoryTurn> history) {

  /** An earlier message; role is "user" or "assistant". */
  public record HistoryTurn(String role, String content) {}
}
