package dev.chatbot.operator.registry;

import dev.chatbot.operator.api.v1alpha1.ImageSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tag resolution off the reconcile threads. A reconcile asks for a resolution and carries on with
 * what it has; the lookup runs on this class's own bounded pool and, when it completes, the
 * callback re-triggers that CR's reconcile, which then finds the outcome here. One lookup per key
 * at a time; at most {@link #PER_REGISTRY} at a time per registry, so a registry that hangs holds
 * at most that many threads; a registry that fails is not asked again before its {@link
 * RegistryBackoff} has passed. Nothing of one registry waits for another.
 */
public final class TagResolutions implements AutoCloseable {

  static final int PER_REGISTRY = 2;
  private static final Logger log = LoggerFactory.getLogger(TagResolutions.class);

  /** What one lookup found, and when it finished. */
  public record Outcome(
      String repository,
      String tag,
      Optional<String> digest,
      Optional<RegistryException> failure,
      Instant at) {}

  private record Job(
      String key, ImageSpec image, Supplier<CredentialKeyring> credentials, Runnable done) {}

  private final ImageDigestResolver resolver;
  private final RegistryBackoff backoff;
  private final Clock clock;
  private final ScheduledExecutorService pool;
  private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  // Guarded by this: running lookups and waiting jobs per registry host.
  private final Map<String, Integer> running = new HashMap<>();
  private final Map<String, Deque<Job>> waiting = new HashMap<>();
  private final Set<String> wakeups = ConcurrentHashMap.newKeySet();

  public TagResolutions(ImageDigestResolver resolver, Clock clock, int threads) {
    this.resolver = resolver;
    this.clock = clock;
    this.backoff =
        new RegistryBackoff(
            clock, () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            threads,
            r -> {
              Thread t = new Thread(r, "tag-resolution");
              t.setDaemon(true);
              return t;
            });
    executor.setRemoveOnCancelPolicy(true);
    this.pool = executor;
  }

  /** The last finished lookup for this key, if any. */
  public Optional<Outcome> latest(String key) {
    return Optional.ofNullable(outcomes.get(key));
  }

  public boolean inFlight(String key) {
    return pending.contains(key);
  }

  /**
   * Starts a lookup unless one for the key is already under way; {@code done} runs when it has
   * finished. Credentials are read on the lookup's thread, not the caller's.
   */
  public void request(
      String key, ImageSpec image, Supplier<CredentialKeyring> credentials, Runnable done) {
    if (!pending.add(key)) {
      return;
    }
    Job job = new Job(key, copy(image), credentials, done);
    String host = ImageName.parse(image.getRepository()).host();
    Duration wait = backoff.remaining(host);
    if (wait.isZero()) {
      enqueue(host, job);
    } else {
      log.info("registry {} backs off: resolving {} in {}s", host, key, wait.toSeconds());
      pool.schedule(() -> enqueue(host, job), wait.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Runs {@code action} once at {@code at} for this key (a refresh that falls due). */
  public void wakeAt(String key, Instant at, Runnable action) {
    if (!wakeups.add(key)) {
      return;
    }
    long millis = Math.max(0, Duration.between(clock.instant(), at).toMillis());
    pool.schedule(
        () -> {
          wakeups.remove(key);
          action.run();
        },
        millis,
        TimeUnit.MILLISECONDS);
  }

  private synchronized void enqueue(String host, Job job) {
    if (running.getOrDefault(host, 0) >= PER_REGISTRY) {
      waiting.computeIfAbsent(host, h -> new ArrayDeque<>()).add(job);
      return;
    }
    running.merge(host, 1, Integer::sum);
    pool.execute(() -> run(host, job));
  }

  private void run(String host, Job job) {
    Outcome outcome;
    ImageSpec image = job.image;
    try {
      ImageName name = ImageName.parse(image.getRepository());
      String digest = resolver.resolve(image, job.credentials.get().find(name));
      backoff.succeeded(host);
      outcome =
          new Outcome(
              image.getRepository(),
              image.getTag(),
              Optional.of(digest),
              Optional.empty(),
              clock.instant());
      log.info("resolved {}:{} to {}", image.getRepository(), image.getTag(), digest);
    } catch (RegistryException e) {
      Duration wait = backoff.failed(host, e);
      outcome = failure(image, e);
      log.warn(
          "resolving {}:{} failed: reason={} {}; registry {} backs off {}s",
          image.getRepository(),
          image.getTag(),
          e.failure(),
          e.getMessage(),
          host,
          wait.toSeconds());
    } catch (RuntimeException e) {
      RegistryException wrapped =
          new RegistryException(RegistryFailure.BadResponse, "lookup failed: " + e, e);
      backoff.failed(host, wrapped);
      outcome = failure(image, wrapped);
      log.warn("resolving {}:{} failed", image.getRepository(), image.getTag(), e);
    }
    outcomes.put(job.key, outcome);
    pending.remove(job.key);
    next(host);
    job.done.run();
  }

  private Outcome failure(ImageSpec image, RegistryException e) {
    return new Outcome(
        image.getRepository(), image.getTag(), Optional.empty(), Optional.of(e), clock.instant());
  }

  private synchronized void next(String host) {
    running.merge(host, -1, Integer::sum);
    Deque<Job> queue = waiting.get(host);
    Job job = queue == null ? null : queue.poll();
    if (job != null) {
      running.merge(host, 1, Integer::sum);
      pool.execute(() -> run(host, job));
    }
  }

  private static ImageSpec copy(ImageSpec image) {
    ImageSpec c = new ImageSpec();
    c.setRepository(image.getRepository());
    c.setTag(image.getTag());
    c.setDigestPolicy(image.getDigestPolicy());
    c.setPullSecrets(new java.util.ArrayList<>(image.getPullSecrets()));
    return c;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
