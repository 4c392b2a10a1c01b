package dev.chatbot.app.documents;

import dev.chatbot.app.config.ChatbotProperties;
import dev.chatbot.app.storage.AtomicFiles;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Embedding index over the uploaded documents: chunks of ~500 characters embedded in-process
 * (all-MiniLM-L6-v2, no network), searched by cosine similarity, persisted atomically to {@code
 * <uploads>/.state/index.json}. Holding it in memory is fine for the volumes a personal chatbot
 * sees (thousands of chunks); the file is the source of truth across restarts.
 */
@Component
public class DocumentIndex {

  /** Caps indexing time of one upload (~20 ms per chunk on 2 cores). */
  static final int MAX_CHUNKS_PER_DOCUMENT = 1000;

  private static final Logger log = LoggerFactory.getLogger(DocumentIndex.class);

  private final EmbeddingModel embeddingModel;
  private final JsonMapper json;
  private final Path file;
  private final DocumentSplitter splitter = DocumentSplitters.recursive(500, 50);
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private List<IndexedChunk> chunks = new ArrayList<>();
  private volatile boolean loaded;

  public DocumentIndex(EmbeddingModel embeddingModel, JsonMapper json, ChatbotProperties props) {
    this.embeddingModel = embeddingModel;
    this.json = json;
    this.file = props.stateDir().resolve("index.json");
  }

  /** Result of embedding one document, before it is added. */
  public record Embedded(List<IndexedChunk> chunks, boolean truncated) {}

  /** A stored chunk; the vector is base64 of little-endian floats to keep the file small. */
  public record IndexedChunk(String documentId, String documentName, String text, String vector) {

    float[] floats() {
      ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(vector));
      float[] out = new float[buffer.remaining() / 4];
      for (int i = 0; i < out.length; i++) {
        out[i] = buffer.getFloat();
      }
      return out;
    }
  }

  private record IndexFile(int version, List<IndexedChunk> chunks) {}

  /** Loads the persisted index, keeping only chunks of documents that still exist. */
  public void load(Set<String> documentIds) {
    lock.writeLock().lock();
    try {
      List<IndexedChunk> read = new ArrayList<>();
      if (Files.exists(file)) {
        try {
          read.addAll(json.readValue(file.toFile(), IndexFile.class).chunks());
        } catch (RuntimeException e) {
          log.warn("index file unreadable, documents will be re-indexed: {}", e.getMessage());
        }
      }
      chunks =
          read.stream()
              .filter(c -> documentIds.contains(c.documentId()))
              .collect(Collectors.toCollection(ArrayList::new));
      loaded = true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  public boolean isLoaded() {
    return loaded;
  }

  public Set<String> indexedDocumentIds() {
    lock.readLock().lock();
    try {
      return chunks.stream().map(IndexedChunk::documentId).collect(Collectors.toSet());
    } finally {
      lock.readLock().unlock();
    }
  }

  public int size() {
    lock.readLock().lock();
    try {
      return chunks.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Splits and embeds a text; slow (model inference), so done outside the lock. */
  public Embedded embed(String documentId, String documentName, String text) {
    List<TextSegment> segments = splitter.split(Document.from(text));
    boolean truncated = segments.size() > MAX_CHUNKS_PER_DOCUMENT;
    if (truncated) {
      segments = segments.subList(0, MAX_CHUNKS_PER_DOCUMENT);
    }
    List<Embedding> vectors = embeddingModel.embedAll(segments).content();
    List<IndexedChunk> result = new ArrayList<>(segments.size());
    for (int i = 0; i < segments.size(); i++) {
      result.add(
          new IndexedChunk(
              documentId, documentName, segments.get(i).text(), encode(vectors.get(i).vector())));
    }
    return new Embedded(result, truncated);
  }

  public void add(Embedded embedded) {
    lock.writeLock().lock();
    try {
      List<IndexedChunk> next = new ArrayList<>(chunks);
      next.addAll(embedded.chunks());
      persist(next);
      chunks = next;
    } finally {
      lock.writeLock().unlock();
    }
  }

  public void remove(String documentId) {
    lock.writeLock().lock();
    try {
      List<IndexedChunk> next =
          chunks.stream()
              .filter(c -> !c.documentId().equals(documentId))
              .collect(Collectors.toCollection(ArrayList::new));
      persist(next);
      chunks = next;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The {@code limit} chunks most similar to the question. */
  public List<Passage> search(String question, int limit) {
    List<IndexedChunk> snapshot;
    lock.readLock().lock();
    try {
      snapshot = chunks;
    } finally {
      lock.readLock().unlock();
    }
    if (snapshot.isEmpty()) {
      return List.of();
    }
    float[] query = embeddingModel.embed(question).content().vector();
    return snapshot.stream()
        .map(
            c -> new Passage(c.documentId(), c.documentName(), c.text(), cosine(query, c.floats())))
        .sorted(Comparator.comparingDouble(Passage::score).reversed())
        .limit(limit)
        .toList();
  }

  private void persist(List<IndexedChunk> next) {
    AtomicFiles.write(file, json.writeValueAsBytes(new IndexFile(1, next)));
  }

  private static String encode(float[] vector) {
    ByteBuffer buffer = ByteBuffer.allocate(vector.length * 4);
    for (float f : vector) {
      buffer.putFloat(f);
    }
    return Base64.getEncoder().encodeToString(buffer.array());
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }
}
