package dev.chatbot.operator.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * Per-registry exponential backoff with jitter: after n failures in a row a registry is not asked
 * again for base * 2^(n-1) (at most max), drawn uniformly from the upper half of that so that many
 * CRs do not come back at once; a 429's Retry-After is a floor. A success clears it. Other
 * registries are not affected.
 */
public final class RegistryBackoff {

  public static final Duration BASE = Duration.ofSeconds(5);
  public static final Duration MAX = Duration.ofMinutes(5);

  private record State(int failures, Instant notBefore) {}

  private final Map<String, State> hosts = new ConcurrentHashMap<>();
  private final Clock clock;
  private final DoubleSupplier random;

  public RegistryBackoff(Clock clock, DoubleSupplier random) {
    this.clock = clock;
    this.random = random;
  }

  /** How long to wait before asking this registry again (zero when it is not backing off). */
  public Duration remaining(String host) {
    State s = hosts.get(host);
    if (s == null) {
      return Duration.ZERO;
    }
    Duration d = Duration.between(clock.instant(), s.notBefore);
    return d.isNegative() ? Duration.ZERO : d;
  }

  public void succeeded(String host) {
    hosts.remove(host);
  }

  /** Records a failure; returns the delay until the registry may be asked again. */
  public Duration failed(String host, RegistryException e) {
    State next =
        hosts.compute(
            host,
            (h, s) -> {
              int failures = s == null ? 1 : s.failures + 1;
              Duration delay = delay(failures);
              Duration floor = e.retryAfter().orElse(Duration.ZERO);
              if (floor.compareTo(delay) > 0) {
                delay = floor;
              }
              return new State(failures, clock.instant().plus(delay));
            });
    return Duration.between(clock.instant(), next.notBefore);
  }

  /** base * 2^(failures-1), capped, then jittered into [d/2, d]. */
  Duration delay(int failures) {
    long cap = MAX.toMillis();
    long d = BASE.toMillis() << Math.min(failures - 1, 20);
    d = Math.min(d, cap);
    return Duration.ofMillis(d / 2 + (long) (random.getAsDouble() * (d - d / 2)));
  }
}
