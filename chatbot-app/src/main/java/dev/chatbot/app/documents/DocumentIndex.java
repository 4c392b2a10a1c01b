package dev.chatbot.app.documents;

import dev.chatbot.app.config.ChatbotProperties;
import dev.chatbot.app.storage.AtomicFiles;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Embedding index over the uploaded documents: chunks of ~500 characters embedded in-process,
 * searched in LangChain4j's {@link InMemoryEmbeddingStore}. Persisted incrementally, one file per
 * document in {@code <uploads>/.state/index/<id>.json} (written once at upload, removed at delete),
 * each recording the embedding model and dimension that built it, so a model change re-indexes.
 * Those files on the uploads volume are the shared source of truth; memory is a cache of them.
 */
@Component
public class DocumentIndex {

  /** Caps indexing time of one upload (~20 ms per chunk on 2 cores). */
  static final int MAX_CHUNKS_PER_DOCUMENT = 1000;

  private final EmbeddingModel embeddingModel;
  private final String modelId;
  private final int dimension;
  private final JsonMapper json;
  private final Path dir;
  private final DocumentSplitter splitter = DocumentSplitters.recursive(500, 50);
  private final InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
  private final Map<String, Integer> chunksByDocument = new ConcurrentHashMap<>();
  private volatile boolean built;

  public DocumentIndex(EmbeddingModel embeddingModel, JsonMapper json, ChatbotProperties props) {
    this.embeddingModel = embeddingModel;
    this.dimension = embeddingModel.dimension();
    String name = embeddingModel.modelName();
    this.modelId =
        name == null || name.isBlank() || "unknown".equals(name)
            ? embeddingModel.getClass().getSimpleName()
            : name;
    this.json = json;
    this.dir = props.stateDir().resolve("index");
  }

  /** One document's chunks as stored; vectors are base64 of big-endian floats. */
  record IndexFile(String embeddingModel, int dimension, List<StoredChunk> chunks) {}

  record StoredChunk(String text, String vector) {}

  /** Result of embedding one document, before it is added. */
  public record Embedded(
      String documentId,
      String documentName,
      List<TextSegment> segments,
      List<Embedding> vectors,
      boolean truncated) {}

  /** Splits and embeds a text; slow (model inference), so callers hold no lock. */
  public Embedded embed(String documentId, String documentName, String text) {
    List<TextSegment> segments = splitter.split(Document.from(text));
    boolean truncated = segments.size() > MAX_CHUNKS_PER_DOCUMENT;
    if (truncated) {
      segments = segments.subList(0, MAX_CHUNKS_PER_DOCUMENT);
    }
    List<TextSegment> labelled =
        segments.stream().map(s -> segment(s.text(), documentId, documentName)).toList();
    List<Embedding> vectors =
        labelled.isEmpty() ? List.of() : embeddingModel.embedAll(labelled).content();
    return new Embedded(documentId, documentName, labelled, vectors, truncated);
  }

  /** Persists one document's chunks (its own file: nothing else is rewritten), then serves them. */
  public void add(Embedded e) {
    List<StoredChunk> chunks = new ArrayList<>();
    for (int i = 0; i < e.segments().size(); i++) {
      chunks.add(new StoredChunk(e.segments().get(i).text(), encode(e.vectors().get(i).vector())));
    }
    IndexFile file = new IndexFile(modelId, dimension, chunks);
    AtomicFiles.write(fileOf(e.documentId()), json.writeValueAsBytes(file));
    serve(e.documentId(), e.segments(), e.vectors());
  }

  /**
   * Serves a document from its index file; false when the file is missing, unreadable or was built
   * by another embedding model (the caller re-embeds it then).
   */
  public boolean loadPersisted(String documentId, String documentName) {
    Path path = fileOf(documentId);
    if (!Files.exists(path)) {
      return false;
    }
    IndexFile file;
    try {
      file = json.readValue(path.toFile(), IndexFile.class);
    } catch (RuntimeException e) {
      return false;
    }
    if (!modelId.equals(file.embeddingModel()) || file.dimension() != dimension) {
      return false;
    }
    List<TextSegment> segments = new ArrayList<>();
    List<Embedding> vectors = new ArrayList<>();
    for (StoredChunk chunk : file.chunks()) {
      segments.add(segment(chunk.text(), documentId, documentName));
      vectors.add(Embedding.from(decode(chunk.vector())));
    }
    serve(documentId, segments, vectors);
    return true;
  }

  /** Removes a document's file and chunks (another replica may have removed the file first). */
  public void remove(String documentId) {
    try {
      Files.deleteIfExists(fileOf(documentId));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    forget(documentId);
  }

  /** Drops a document from memory only (its file is already gone). */
  public void forget(String documentId) {
    Integer count = chunksByDocument.remove(documentId);
    if (count != null) {
      store.removeAll(ids(documentId, count));
    }
  }

  /** Whether the document's index file exists (written before its metadata at upload). */
  public boolean hasFile(String documentId) {
    return Files.exists(fileOf(documentId));
  }

  public Set<String> documentIds() {
    return Set.copyOf(chunksByDocument.keySet());
  }

  public int size() {
    return chunksByDocument.values().stream().mapToInt(Integer::intValue).sum();
  }

  public boolean isBuilt() {
    return built;
  }

  void markBuilt() {
    built = true;
  }

  public String modelId() {
    return modelId;
  }

  /** The {@code limit} chunks most relevant to the question, none below {@code minScore}. */
  public List<Passage> search(String question, int limit, double minScore) {
    if (store.isEmpty()) {
      return List.of();
    }
    Embedding query = embeddingModel.embed(question).content();
    List<EmbeddingMatch<TextSegment>> matches =
        store
            .search(
                EmbeddingSearchRequest.builder()
                    .queryEmbedding(query)
                    .maxResults(limit)
                    .minScore(minScore)
                    .build())
            .matches();
    return matches.stream()
        .map(
            m ->
                new Passage(
                    m.embedded().metadata().getString("documentId"),
                    m.embedded().metadata().getString("documentName"),
                    m.embedded().text(),
                    m.score()))
        .toList();
  }

  private void serve(String documentId, List<TextSegment> segments, List<Embedding> vectors) {
    forget(documentId);
    if (!segments.isEmpty()) {
      store.addAll(ids(documentId, segments.size()), vectors, segments);
    }
    chunksByDocument.put(documentId, segments.size());
  }

  private Path fileOf(String documentId) {
    return dir.resolve(documentId + ".json");
  }

  private static List<String> ids(String documentId, int count) {
    return IntStream.range(0, count).mapToObj(i -> documentId + ":" + i).toList();
  }

  private static TextSegment segment(String text, String documentId, String documentName) {
    return TextSegment.from(
        text, Metadata.from(Map.of("documentId", documentId, "documentName", documentName)));
  }

  private static String encode(float[] vector) {
    ByteBuffer buffer = ByteBuffer.allocate(vector.length * 4);
    for (float f : vector) {
      buffer.putFloat(f);
    }
    return Base64.getEncoder().encodeToString(buffer.array());
  }

  private static float[] decode(String vector) {
    ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(vector));
    float[] out = new float[buffer.remaining() / 4];
    for (int i = 0; i < out.length; i++) {
      out[i] = buffer.getFloat();
    }
    return out;
  }
}
