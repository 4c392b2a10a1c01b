package dev.chatbot.app.chat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A conversation as persisted in {@code <uploads>/.state/conversations/<id>.json}. */
public record Conversation(
    String id, Instant createdAt, Instant updatedAt, List<Message> messages) {

  /** One message; role is "user" or "assistant"; citations only on assistant messages. */
  public record Message(String role, String content, List<Citation> citations, Instant at) {}

  public static Conversation start(String id) {
    Instant now = Instant.now();
    return new Conversation(id, now, now, List.of());
  }

  public Conversation append(Message question, Message answer) {
    List<Message> next = new ArrayList<>(messages);
    next.add(question);
    next.add(answer);
    return new Conversation(id, createdAt, answer.at(), List.copyOf(next));
  }
}
