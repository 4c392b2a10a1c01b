package dev.chatbot.app.documents;

import dev.chatbot.app.config.ChatbotProperties;
import dev.chatbot.app.metrics.AppMetrics;
import dev.chatbot.app.web.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Upload, list, delete and search documents; keeps files and index consistent. */
@Service
public class DocumentService {

  private static final Logger log = LoggerFactory.getLogger(DocumentService.class);

  private final DocumentStore store;
  private final DocumentIndex index;
  private final TextExtractor extractor;
  private final AppMetrics metrics;
  private final long maxUploadBytes;
  private final SkippedDocuments skippedDocuments;
  private final IndexBuilder builder;

  public DocumentService(
      DocumentStore store,
      DocumentIndex index,
      TextExtractor extractor,
      AppMetrics metrics,
      ChatbotProperties properties,
      SkippedDocuments skippedDocuments,
      IndexBuilder builder) {
    this.builder = builder;
    this.store = store;
    this.index = index;
    this.extractor = extractor;
    this.metrics = metrics;
    this.maxUploadBytes = properties.maxUploadBytes();
    this.skippedDocuments = skippedDocuments;
    metrics.gauge("chatbot.documents", "Documents currently uploaded", () -> store.list().size());
    metrics.gauge("chatbot.index.chunks", "Chunks in the embedding index", index::size);
  }

  public synchronized DocumentMetadata upload(
      String originalName, String contentType, byte[] content) {
    try {
      if (content.length > maxUploadBytes) {
        throw new ApiException(
            HttpStatus.CONTENT_TOO_LARGE,
            "upload_too_large",
            "upload exceeds " + maxUploadBytes + " bytes");
      }
      String extension = extractor.extensionOf(originalName);
      String text = extractor.extract(extension, content);
      String id = UUID.randomUUID().toString();
      String name = sanitize(originalName);
      DocumentIndex.Embedded embedded = index.embed(id, name, text);
      DocumentMetadata doc =
          new DocumentMetadata(
              id,
              name,
              extension,
              contentType,
              content.length,
              Instant.now(),
              embedded.segments().size(),
              embedded.truncated());
      store.saveContent(doc, content);
      index.add(embedded);
      store.saveMetadata(doc);
      metrics.countUpload("accepted");
      log.info("stored document {} ({}, {} chunks)", id, name, doc.chunks());
      return doc;
    } catch (ApiException e) {
      metrics.countUpload("rejected");
      throw e;
    }
  }

  public List<DocumentMetadata> list() {
    return store.list();
  }

  public synchronized void delete(String id) {
    DocumentMetadata doc =
        store.find(id).orElseThrow(() -> ApiException.notFound("no document with id " + id));
    store.delete(doc);
    index.remove(doc.id());
    skippedDocuments.clear(doc.id());
    log.info("deleted document {} ({})", doc.id(), doc.name());
  }

  public List<Passage> search(String question, int limit, double minScore) {
    builder.catchUp();
    return index.search(question, limit, minScore);
  }

  /** Documents the index had to skip (unreadable at startup), with the reason. */
  public List<SkippedDocuments.Skipped> skipped() {
    return skippedDocuments.list();
  }

  /** Display name only: keeps the last path segment, drops control and odd characters. */
  static String sanitize(String originalName) {
    String name = originalName == null ? "" : originalName;
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    name = name.replaceAll("[^\\p{L}\\p{N} ._()+-]", "_").strip();
    if (name.length() > 200) {
      name = name.substring(name.length() - 200);
    }
    return name.isEmpty() || name.chars().allMatch(c -> c == '.') ? "document" : name;
  }
}
