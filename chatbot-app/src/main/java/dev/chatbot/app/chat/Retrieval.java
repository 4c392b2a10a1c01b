package dev.chatbot.app.chat;

import dev.chatbot.app.config.ChatbotProperties;
import dev.chatbot.app.documents.DocumentService;
import dev.chatbot.app.documents.Passage;
import dev.chatbot.app.metrics.AppMetrics;
import dev.chatbot.app.model.Prompt;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Finds the passages for a question. A follow-up ("and then?") says little on its own, so the
 * previous user turn is searched with it; passages below CHATBOT_MIN_RELEVANCE_SCORE are dropped,
 * so small talk ("hi") gets no citations.
 */
@Component
public class Retrieval {

  static final int PASSAGES = 3;

  /** Only this much of the previous turn joins the query, so it cannot drown the question. */
  static final int PREVIOUS_TURN_CHARS = 300;

  private final DocumentService documents;
  private final AppMetrics metrics;
  private final double minScore;

  public Retrieval(DocumentService documents, AppMetrics metrics, ChatbotProperties props) {
    this.documents = documents;
    this.metrics = metrics;
    this.minScore = props.minRelevanceScore();
  }

  public List<Passage> passagesFor(String question, List<Prompt.HistoryTurn> history) {
    long start = System.nanoTime();
    try {
      return documents.search(query(question, history), PASSAGES, minScore);
    } finally {
      metrics.retrieval(Duration.ofNanos(System.nanoTime() - start));
    }
  }

  static String query(String question, List<Prompt.HistoryTurn> history) {
    for (int i = history.size() - 1; i >= 0; i--) {
      Prompt.HistoryTurn turn = history.get(i);
      if ("user".equals(turn.role())) {
        String previous = turn.content();
        if (previous.length() > PREVIOUS_TURN_CHARS) {
          previous = previous.substring(previous.length() - PREVIOUS_TURN_CHARS);
        }
        return previous + "\n" + question;
      }
    }
    return question;
  }
}
