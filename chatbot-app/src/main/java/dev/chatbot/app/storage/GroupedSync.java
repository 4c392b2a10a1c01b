package dev.chatbot.app.storage;

import dev.chatbot.app.metrics.AppMetrics;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Group commit for files that are renamed into place before the caller answers (conversations): the
 * rename makes the new content survive the app process dying at any point (the kernel holds it);
 * one flusher thread fsyncs such files and their directory as soon as they are written, one pass
 * for everything written while the previous pass ran (group commit), so the response path never
 * waits for the disk and many turns share the wait. Only a crash of the node's kernel (or power)
 * between the answer and the end of the next pass (a few ms, one fsync per file) can lose what was
 * answered; a failed fsync is an ERROR log and a metric, never silent.
 */
@Component
public class GroupedSync {

  private static final Logger log = LoggerFactory.getLogger(GroupedSync.class);

  private final Set<Path> pending = new LinkedHashSet<>();
  private final Thread flusher = new Thread(this::run, "grouped-sync");
  private final AppMetrics metrics;
  private boolean closed;

  public GroupedSync(AppMetrics metrics) {
    this.metrics = metrics;
    flusher.setDaemon(true);
    flusher.start();
  }

  /** Writes atomically without fsync and queues the fsync for the next group. */
  public void write(Path target, byte[] content) {
    AtomicFiles.writeUnsynced(target, content);
    synchronized (pending) {
      pending.add(target.toAbsolutePath());
      pending.notifyAll();
    }
  }

  private void run() {
    while (true) {
      List<Path> batch;
      synchronized (pending) {
        while (pending.isEmpty() && !closed) {
          try {
            pending.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (pending.isEmpty()) {
          return;
        }
        batch = takePending();
      }
      sync(batch);
    }
  }

  /** Fsyncs every file written so far, and their directories (shutdown, tests). */
  public void flush() {
    List<Path> batch;
    synchronized (pending) {
      batch = takePending();
    }
    sync(batch);
  }

  private List<Path> takePending() {
    List<Path> batch = new ArrayList<>(pending);
    pending.clear();
    return batch;
  }

  private void sync(List<Path> batch) {
    Set<Path> dirs = new LinkedHashSet<>();
    for (Path file : batch) {
      syncFile(file);
      dirs.add(file.getParent());
    }
    dirs.forEach(GroupedSync::syncQuietly);
  }

  private void syncFile(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (NoSuchFileException deleted) {
      // removed since: nothing left to make durable
    } catch (IOException e) {
      metrics.countSyncFailure();
      log.error("could not fsync {}: its latest content may not survive a node crash", file, e);
    }
  }

  private static void syncQuietly(Path dir) {
    // The rename is durable once the directory is synced (Linux allows fsync on a directory).
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException ignored) {
      // not supported on every filesystem; the file's own fsync already holds its data
    }
  }

  @PreDestroy
  void close() {
    synchronized (pending) {
      closed = true;
      pending.notifyAll();
    }
    try {
      flusher.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
  }
}
