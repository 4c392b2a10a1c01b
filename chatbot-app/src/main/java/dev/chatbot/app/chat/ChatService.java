package dev.chatbot.app.chat;

import dev.chatbot.app.documents.Passage;
import dev.chatbot.app.limits.GenerationGate;
import dev.chatbot.app.limits.SpendLimiter;
import dev.chatbot.app.model.AnswerGenerator;
import dev.chatbot.app.model.GeneratedAnswer;
import dev.chatbot.app.model.Generation;
import dev.chatbot.app.model.Prompt;
import dev.chatbot.app.model.StreamListener;
import dev.chatbot.app.web.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * One chat turn: validate, admit (spend limit, concurrency), retrieve passages, ask the model, and
 * for /api/chat persist the conversation. Streamed turns return at once; the answer arrives on the
 * listener.
 */
@Service
public class ChatService {

  public static final int MAX_MESSAGE_CHARS = 8000;
  static final int SNIPPET_CHARS = 200;

  private final Retrieval retrieval;
  private final AnswerGenerator generator;
  private final ConversationStore conversations;
  private final GenerationGate gate;
  private final SpendLimiter spend;
  private final Object[] saveLocks = new Object[64];

  public ChatService(
      Retrieval retrieval,
      AnswerGenerator generator,
      ConversationStore conversations,
      GenerationGate gate,
      SpendLimiter spend) {
    this.retrieval = retrieval;
    this.generator = generator;
    this.conversations = conversations;
    this.gate = gate;
    this.spend = spend;
    for (int i = 0; i < saveLocks.length; i++) {
      saveLocks[i] = new Object();
    }
  }

  /** Result of one turn, the body of {@code POST /api/chat}. */
  public record ChatResult(String answer, List<Citation> citations, String conversationId) {}

  /** A model answer with the citations of the passages it was given. */
  public record Answer(GeneratedAnswer generated, List<Citation> citations) {}

  /** Receives a streamed turn; tokens first, then exactly one of complete or error. */
  public interface AnswerListener {
    void onToken(String text);

    void onComplete(Answer answer);

    void onError(ApiException error);
  }

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
    Answer answer = answer(prompt(conversation, message));
    return record(conversation, message, answer);
  }

  /** Streams a turn of a stored conversation; on completion it is saved, then reported. */
  public Generation stream(Conversation conversation, String message, AnswerListener listener) {
    return stream(
        prompt(conversation, message),
        new AnswerListener() {
          @Override
          public void onToken(String text) {
            listener.onToken(text);
          }

          @Override
          public void onComplete(Answer answer) {
            record(conversation, message, answer);
            listener.onComplete(answer);
          }

          @Override
          public void onError(ApiException error) {
            listener.onError(error);
          }
        });
  }

  /** A stateless turn (the OpenAI-compatible endpoint: the caller sends the history). */
  public Answer answer(Prompt prompt) {
    Admitted admitted = admit(prompt);
    try {
      GeneratedAnswer generated = generator.generate(admitted.prompt());
      spend.record(generated.inputTokens(), generated.outputTokens());
      return new Answer(generated, citations(admitted.prompt().passages()));
    } finally {
      admitted.permit().release();
    }
  }

  /** Starts a stateless streamed turn; returns the handle that cancels it. */
  public Generation stream(Prompt prompt, AnswerListener listener) {
    Admitted admitted = admit(prompt);
    List<Citation> citations = citations(admitted.prompt().passages());
    GenerationGate.Permit permit = admitted.permit();
    try {
      Generation generation =
          generator.stream(
              admitted.prompt(),
              new StreamListener() {
                @Override
                public void onToken(String text) {
                  listener.onToken(text);
                }

                @Override
                public void onComplete(GeneratedAnswer generated) {
                  permit.release();
                  spend.record(generated.inputTokens(), generated.outputTokens());
                  listener.onComplete(new Answer(generated, citations));
                }

                @Override
                public void onError(ApiException error) {
                  permit.release();
                  listener.onError(error);
                }
              });
      return () -> {
        generation.cancel();
        permit.release();
      };
    } catch (RuntimeException e) {
      permit.release();
      throw e;
    }
  }

  /** The prompt for a stateless turn: retrieval informed by the caller's last user turns. */
  public Prompt prompt(List<Prompt.HistoryTurn> history, List<String> instructions, String q) {
    validate(q);
    return new Prompt(q, retrieval.passagesFor(q, history), history, instructions, null);
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

  private record Admitted(Prompt prompt, GenerationGate.Permit permit) {}

  private Admitted admit(Prompt prompt) {
    Integer maxOutput = spend.admit(prompt.characters());
    return new Admitted(prompt.withMaxOutputTokens(maxOutput), gate.acquire());
  }

  private Prompt prompt(Conversation conversation, String message) {
    List<Prompt.HistoryTurn> history =
        conversation.messages().stream()
            .map(m -> new Prompt.HistoryTurn(m.role(), m.content()))
            .toList();
    return prompt(history, List.of(), message);
  }

  private ChatResult record(Conversation conversation, String message, Answer answer) {
    String text = answer.generated().text();
    Instant now = Instant.now();
    synchronized (lockFor(conversation.id())) {
      // Re-read: another turn of the same conversation may have finished meanwhile.
      Conversation current = conversations.find(conversation.id()).orElse(conversation);
      conversations.save(
          current.append(
              new Conversation.Message("user", message, List.of(), now),
              new Conversation.Message("assistant", text, answer.citations(), Instant.now())));
    }
    return new ChatResult(text, answer.citations(), conversation.id());
  }

  /**
   * Turns of one conversation are saved one at a time; different conversations do not wait for each
   * other's fsync (striped locks: bounded memory, rare false sharing).
   */
  private Object lockFor(String conversationId) {
    return saveLocks[Math.floorMod(conversationId.hashCode(), saveLocks.length)];
  }

  private static List<Citation> citations(List<Passage> passages) {
    return passages.stream().map(ChatService::citation).toList();
  }

  private static Citation citation(Passage p) {
    String text = p.text().strip().replaceAll("\\s+", " ");
    String snippet =
        text.length() > SNIPPET_CHARS ? text.substring(0, SNIPPET_CHARS) + "..." : text;
    return new Citation(p.documentId(), p.documentName(), snippet);
  }
}
