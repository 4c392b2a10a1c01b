package dev.chatbot.app.chat;

import dev.chatbot.app.documents.DocumentService;
import dev.chatbot.app.documents.Passage;
import dev.chatbot.app.model.AnswerGenerator;
import dev.chatbot.app.model.GeneratedAnswer;
import dev.chatbot.app.model.Prompt;
import dev.chatbot.app.web.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;

/** One chat turn: validate, retrieve passages, ask the model, persist the conversation. */
@Service
public class ChatService {

  public static final int MAX_MESSAGE_CHARS = 8000;
  static final int PASSAGES = 3;
  static final int SNIPPET_CHARS = 200;

  private final DocumentService documents;
  private final AnswerGenerator generator;
  private final ConversationStore conversations;

  public ChatService(
      DocumentService documents, AnswerGenerator generator, ConversationStore conversations) {
    this.documents = documents;
    this.generator = generator;
    this.conversations = conversations;
  }

  /** Result of one turn, the body of {@code POST /api/chat}. */
  public record ChatResult(String answer, List<Citation> citations, String conversationId) {}

  /** Checks a request before any response is committed (so errors stay plain JSON). */
  public Conversation open(String message, String conversationId) {
    validate(message);
    if (conversationId == null || conversationId.isBlank()) {
      return Conversation.start(UUID.randomUUID().toString());
    }
    if (!ConversationStore.isValidId(conversationId)) {
      throw ApiException.badRequest(
          "invalid_conversation_id", "conversationId has invalid characters");
    }
    return conversations
        .find(conversationId)
        .orElseThrow(() -> ApiException.notFound("no conversation with id " + conversationId));
  }

  public ChatResult chat(Conversation conversation, String message) {
    List<Passage> passages = documents.search(message, PASSAGES);
    GeneratedAnswer answer = generator.generate(prompt(conversation, message, passages));
    return record(conversation, message, answer, passages);
  }

  public ChatResult stream(Conversation conversation, String message, Consumer<String> onToken) {
    List<Passage> passages = documents.search(message, PASSAGES);
    GeneratedAnswer answer = generator.stream(prompt(conversation, message, passages), onToken);
    return record(conversation, message, answer, passages);
  }

  /** Stateless completion for the OpenAI-compatible endpoint. */
  public GeneratedAnswer complete(
      List<Prompt.HistoryTurn> history, String question, Consumer<String> onToken) {
    validate(question);
    List<Passage> passages = documents.search(question, PASSAGES);
    Prompt prompt = new Prompt(question, passages, history);
    return onToken == null ? generator.generate(prompt) : generator.stream(prompt, onToken);
  }

  public static void validate(String message) {
    if (message == null || message.isBlank()) {
      throw ApiException.badRequest("empty_message", "message must not be empty");
    }
    if (message.length() > MAX_MESSAGE_CHARS) {
      throw ApiException.badRequest(
          "message_too_long", "message is longer than " + MAX_MESSAGE_CHARS + " characters");
    }
  }

  private static Prompt prompt(Conversation conversation, String message, List<Passage> passages) {
    List<Prompt.HistoryTurn> history =
        conversation.messages().stream()
            .map(m -> new Prompt.HistoryTurn(m.role(), m.content()))
            .toList();
    return new Prompt(message, passages, history);
  }

  private ChatResult record(
      Conversation conversation, String message, GeneratedAnswer answer, List<Passage> passages) {
    List<Citation> citations = passages.stream().map(ChatService::citation).toList();
    Instant now = Instant.now();
    synchronized (this) {
      // Re-read: another turn of the same conversation may have finished meanwhile.
      Conversation current = conversations.find(conversation.id()).orElse(conversation);
      conversations.save(
          current.append(
              new Conversation.Message("user", message, List.of(), now),
              new Conversation.Message("assistant", answer.text(), citations, Instant.now())));
    }
    return new ChatResult(answer.text(), citations, conversation.id());
  }

  private static Citation citation(Passage p) {
    String text = p.text().strip().replaceAll("\\s+", " ");
    String snippet =
        text.length() > SNIPPET_CHARS ? text.substring(0, SNIPPET_CHARS) + "..." : text;
    return new Citation(p.documentId(), p.documentName(), snippet);
  }
}
