package dev.chatbot.app.documents;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** Stored documents the index could not read, kept (not retried) until deleted or restart. */
@Component
public class SkippedDocuments {

  /** One skipped document, as listed in {@code GET /api/documents}. */
  public record Skipped(String id, String name, String reason) {}

  private final Map<String, Skipped> skipped = new ConcurrentHashMap<>();

  void add(DocumentMetadata doc, String reason) {
    skipped.put(doc.id(), new Skipped(doc.id(), doc.name(), reason));
  }

  boolean contains(String id) {
    return skipped.containsKey(id);
  }

  void clear(String id) {
    skipped.remove(id);
  }

  public List<Skipped> list() {
    return List.copyOf(skipped.values());
  }
}
