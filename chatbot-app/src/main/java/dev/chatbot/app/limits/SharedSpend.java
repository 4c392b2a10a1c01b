package dev.chatbot.app.limits;

import dev.chatbot.app.storage.AtomicFiles;
import dev.chatbot.app.storage.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The spend of every replica on the shared uploads volume ({@code .state/spend/<process>.json}), so
 * the hour and day limits hold for the whole deployment, not per pod: each process writes its own
 * totals per window after every counted answer and reads the others' at most once per {@link
 * #REFRESH}. Replicas share the volume whenever there is more than one (the operator requires
 * ReadWriteMany then); a restarted pod's earlier file still counts, so a restart does not reset the
 * budget either. Files of windows that are over are removed.
 */
final class SharedSpend {

  static final Duration REFRESH = Duration.ofSeconds(1);
  private static final Duration KEEP = Duration.ofDays(2);
  private static final Logger log = LoggerFactory.getLogger(SharedSpend.class);

  /** One process's totals: the window starts and what it counted in them. */
  record Totals(Instant hour, long hourTokens, Instant day, long dayTokens) {
    static final Totals NONE = new Totals(Instant.EPOCH, 0, Instant.EPOCH, 0);

    long in(Instant windowStart, boolean hourly) {
      return hourly
          ? (windowStart.equals(hour) ? hourTokens : 0)
          : (windowStart.equals(day) ? dayTokens : 0);
    }
  }

  /** What the other processes counted in the given windows. */
  record Others(Instant hour, long hourTokens, Instant day, long dayTokens) {}

  private final Path dir;
  private final Path own;
  private final JsonMapper json;
  private final Clock clock;
  private Instant readAt = Instant.EPOCH;
  private Others cached = new Others(Instant.EPOCH, 0, Instant.EPOCH, 0);

  SharedSpend(Path stateDir, JsonMapper json, Clock clock) {
    this.dir = Directories.create(stateDir.resolve("spend"));
    this.own = dir.resolve(UUID.randomUUID() + ".json");
    this.json = json;
    this.clock = clock;
  }

  /** Publishes this process's totals. */
  synchronized void publish(Totals totals) {
    try {
      // No fsync on the answer path: a node crash may forget the last few ms of spend, no more.
      AtomicFiles.writeUnsynced(own, json.writeValueAsBytes(totals));
    } catch (RuntimeException e) {
      // The local count still applies; the others see this replica's spend on the next success.
      log.warn("could not publish spend totals to {}: {}", own, e.getMessage());
    }
  }

  /** The other processes' tokens in the hour and day starting at these instants. */
  synchronized Others others(Instant hour, Instant day) {
    Instant now = clock.instant();
    boolean sameWindows = hour.equals(cached.hour()) && day.equals(cached.day());
    if (sameWindows && now.isBefore(readAt.plus(REFRESH))) {
      return cached;
    }
    long hourSum = 0;
    long daySum = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
      for (Path file : files) {
        Totals t = file.equals(own) ? null : read(file);
        if (t == null) {
          continue;
        }
        hourSum += t.in(hour, true);
        daySum += t.in(day, false);
        if (t.day().plus(KEEP).isBefore(now)) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir, e);
    }
    cached = new Others(hour, hourSum, day, daySum);
    readAt = now;
    return cached;
  }

  private Totals read(Path file) {
    try {
      return json.readValue(file.toFile(), Totals.class);
    } catch (RuntimeException e) {
      return null; // another replica's file being replaced, or not ours: skip it this round
    }
  }
}
