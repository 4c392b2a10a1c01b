package dev.chatbot.app.documents;

import dev.chatbot.app.config.ChatbotProperties;
import dev.chatbot.app.storage.AtomicFiles;
import dev.chatbot.app.storage.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Files of the uploads volume: {@code <id>.<ext>} (content) and {@code <id>.meta.json}. The
 * metadata file is written last and removed first, so it alone says whether a document exists.
 */
@Component
public class DocumentStore {

  private static final Pattern ID = Pattern.compile("[0-9a-f-]{36}");
  private static final String META = ".meta.json";
  private static final Logger log = LoggerFactory.getLogger(DocumentStore.class);

  private final Path dir;
  private final JsonMapper json;

  public DocumentStore(ChatbotProperties properties, JsonMapper json) {
    this.dir = Directories.create(properties.uploadsDir());
    Directories.create(properties.stateDir());
    this.json = json;
  }

  public static boolean isValidId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  public void saveContent(DocumentMetadata doc, byte[] content) {
    AtomicFiles.write(dir.resolve(doc.fileName()), content);
  }

  public void saveMetadata(DocumentMetadata doc) {
    AtomicFiles.write(dir.resolve(doc.id() + META), json.writeValueAsBytes(doc));
  }

  public byte[] readContent(DocumentMetadata doc) {
    try {
      return Files.readAllBytes(dir.resolve(doc.fileName()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Optional<DocumentMetadata> find(String id) {
    if (!isValidId(id)) {
      return Optional.empty();
    }
    Path meta = dir.resolve(id + META);
    return Files.exists(meta) ? Optional.ofNullable(read(meta)) : Optional.empty();
  }

  public List<DocumentMetadata> list() {
    List<DocumentMetadata> docs = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + META)) {
      for (Path meta : files) {
        DocumentMetadata doc = read(meta);
        if (doc != null) {
          docs.add(doc);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    docs.sort(Comparator.comparing(DocumentMetadata::uploadedAt));
    return docs;
  }

  /** Removes metadata first (the document is gone), then the content. */
  public void delete(DocumentMetadata doc) {
    try {
      Files.deleteIfExists(dir.resolve(doc.id() + META));
      Files.deleteIfExists(dir.resolve(doc.fileName()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private DocumentMetadata read(Path meta) {
    try {
      return json.readValue(meta.toFile(), DocumentMetadata.class);
    } catch (RuntimeException e) {
      log.warn("skipping unreadable metadata {}: {}", meta.getFileName(), e.getMessage());
      return null;
    }
  }
}
