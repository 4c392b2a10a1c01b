package dev.chatbot.app.documents;

import dev.chatbot.app.config.ChatbotProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Builds the index in the background after startup (readiness "index" stays DOWN until done, so the
 * startup probe is not held up by minutes of embedding). Replicas share the uploads volume, whose
 * files are the index; each replica's memory is a cache of them, kept current two ways: before
 * every search {@link #catchUp()} compares the uploads directory's modification time (one stat)
 * and, if it moved, loads the index files another replica added and forgets the documents it
 * deleted, so a search after the other replica's upload or delete answered sees it; every {@link
 * #REFRESH} a full pass also embeds documents that have no index file yet. A document that cannot
 * be read is skipped with its reason (logged and listed in GET /api/documents) instead of stopping
 * the app.
 */
@Component
public class IndexBuilder implements ApplicationRunner, DisposableBean {

  static final Duration REFRESH = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(IndexBuilder.class);

  private final DocumentStore store;
  private final DocumentIndex index;
  private final TextExtractor extractor;
  private final SkippedDocuments skipped;
  private final Path legacyIndex;
  private final Path uploadsDir;
  private final ReentrantLock syncing = new ReentrantLock();
  private volatile FileTime seen;
  private final ScheduledExecutorService worker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "index-builder");
            t.setDaemon(true);
            return t;
          });

  public IndexBuilder(
      DocumentStore store,
      DocumentIndex index,
      TextExtractor extractor,
      SkippedDocuments skipped,
      ChatbotProperties props) {
    this.store = store;
    this.index = index;
    this.extractor = extractor;
    this.skipped = skipped;
    this.legacyIndex = props.stateDir().resolve("index.json");
    this.uploadsDir = props.uploadsDir();
  }

  /**
   * Brings memory up to the volume if the uploads directory changed since the last look (another
   * replica uploaded or deleted). Never waits for a running pass or embeds: that is the
   * background's.
   */
  public void catchUp() {
    if (!index.isBuilt()) {
      return;
    }
    FileTime modified = modified();
    if (modified != null && modified.equals(seen)) {
      return;
    }
    if (!syncing.tryLock()) {
      return;
    }
    try {
      // A change within the filesystem's timestamp granularity of this look could carry the same
      // time: a time that recent is not remembered, so the next search looks again.
      boolean settled =
          modified != null && modified.toInstant().isBefore(Instant.now().minusSeconds(1));
      seen = settled ? modified : null;
      sync(false);
    } finally {
      syncing.unlock();
    }
  }

  private FileTime modified() {
    try {
      return Files.getLastModifiedTime(uploadsDir);
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void run(ApplicationArguments args) {
    worker.execute(this::build);
    worker.scheduleWithFixedDelay(
        this::refresh, REFRESH.toMillis(), REFRESH.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void build() {
    long start = System.nanoTime();
    int embedded = locked(() -> sync(true));
    deleteLegacyIndex();
    index.markBuilt();
    log.info(
        "index built: {} documents, {} chunks, {} re-embedded, {} skipped, model {}, in {} ms",
        index.documentIds().size(),
        index.size(),
        embedded,
        skipped.list().size(),
        index.modelId(),
        (System.nanoTime() - start) / 1_000_000);
  }

  private void refresh() {
    try {
      int embedded = locked(() -> sync(true));
      if (embedded > 0) {
        log.info("index refreshed: {} documents embedded", embedded);
      }
    } catch (RuntimeException e) {
      log.warn("index refresh failed, retrying in {} s: {}", REFRESH.toSeconds(), e.toString());
    }
  }

  private int locked(java.util.function.IntSupplier pass) {
    syncing.lock();
    try {
      return pass.getAsInt();
    } finally {
      syncing.unlock();
    }
  }

  /**
   * Makes memory match the volume; returns how many documents had to be embedded (none unless
   * {@code embed}: those without an index file are left for the background pass).
   */
  int sync(boolean embed) {
    List<DocumentMetadata> docs = store.list();
    Set<String> stored = docs.stream().map(DocumentMetadata::id).collect(Collectors.toSet());
    for (String id : index.documentIds()) {
      if (!stored.contains(id) && !index.hasFile(id)) {
        index.forget(id);
      }
    }
    Set<String> served = index.documentIds();
    int embedded = 0;
    for (DocumentMetadata doc : docs) {
      if (served.contains(doc.id()) || skipped.contains(doc.id())) {
        continue;
      }
      if (index.loadPersisted(doc.id(), doc.name()) || !embed) {
        continue;
      }
      try {
        String text = extractor.extract(doc.extension(), store.readContent(doc));
        index.add(index.embed(doc.id(), doc.name(), text));
        embedded++;
        log.info(
            "embedded document {} ({}): no index file for model {}",
            doc.id(),
            doc.name(),
            index.modelId());
      } catch (RuntimeException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        skipped.add(doc, reason);
        log.warn("skipping document {} ({}): {}", doc.id(), doc.name(), reason);
      }
    }
    return embedded;
  }

  /** The single index.json of earlier versions: superseded by one file per document. */
  private void deleteLegacyIndex() {
    try {
      if (Files.deleteIfExists(legacyIndex)) {
        log.info("removed the old single-file index {}", legacyIndex);
      }
    } catch (IOException e) {
      log.warn("could not remove {}: {}", legacyIndex, e.toString());
    }
  }

  @Override
  public void destroy() {
    worker.shutdownNow();
  }
}
