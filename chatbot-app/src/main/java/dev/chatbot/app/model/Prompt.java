package dev.chatbot.app.model;

import dev.chatbot.app.documents.Passage;
import java.util.List;

/**
 * A question with the passages retrieved for it and the earlier turns of the conversation.
 *
 * @param instructions the caller's own system/developer messages, sent after the app's prompt
 * @param maxOutputTokens upper bound on the answer's tokens (spend limit), null for none
 */
public record Prompt(
    String question,
    List<Passage> passages,
    List<HistoryTurn> history,
    List<String> instructions,
    Integer maxOutputTokens) {

  public Prompt(String question, List<Passage> passages, List<HistoryTurn> history) {
    this(question, passages, history, List.of(), null);
  }

  public Prompt withMaxOutputTokens(Integer max) {
    return new Prompt(question, passages, history, instructions, max);
  }

  /** Characters the model will read, for the spend estimate before the call. */
  public long characters() {
    long n = question.length();
    for (Passage p : passages) {
      n += p.text().length();
    }
    for (HistoryTurn t : history) {
      n += t.content().length();
    }
    for (String i : instructions) {
      n += i.length();
    }
    return n;
  }

  /** The passages as the system message presents them to the model. */
  static String context(List<Passage> passages) {
    if (passages.isEmpty()) {
      return "No relevant passages were found in the user's documents; answer from general"
          + " knowledge.";
    }
    StringBuilder text = new StringBuilder("Passages from the user's documents:");
    for (int i = 0; i < passages.size(); i++) {
      Passage p = passages.get(i);
      text.append("\n\n[").append(i + 1).append("] (").append(p.documentName()).append(") ");
      text.append(p.text().strip());
    }
    return text.toString();
  }

  /** An earlier message; role is "user" or "assistant". */
  public record HistoryTurn(String role, String content) {}
}
