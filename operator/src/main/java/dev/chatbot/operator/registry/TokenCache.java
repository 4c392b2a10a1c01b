package dev.chatbot.operator.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens per registry, scope and user, until shortly before they expire. A token without
 * {@code expires_in} lives 60 s, the token spec's default.
 */
final class TokenCache {

  static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);
  private static final int MAX_ENTRIES = 10_000;

  /** user is the username and a hash of the password, or empty for anonymous tokens. */
  record Key(String host, String scope, String user) {}

  private record Token(String value, Instant expires) {}

  private final Map<Key, Token> tokens = new ConcurrentHashMap<>();
  private final Clock clock;

  TokenCache(Clock clock) {
    this.clock = clock;
  }

  Optional<String> get(Key key) {
    Token token = tokens.get(key);
    if (token == null || !clock.instant().isBefore(token.expires)) {
      return Optional.empty();
    }
    return Optional.of(token.value);
  }

  void put(Key key, String token, Optional<Duration> lifetime) {
    if (tokens.size() > MAX_ENTRIES) {
      tokens.clear();
    }
    Duration life = lifetime.filter(d -> !d.isNegative() && !d.isZero()).orElse(DEFAULT_LIFETIME);
    // Renew a little early, so a token never expires between the check and the request.
    Duration margin =
        life.dividedBy(10).compareTo(Duration.ofSeconds(10)) < 0
            ? life.dividedBy(10)
            : Duration.ofSeconds(10);
    tokens.put(key, new Token(token, clock.instant().plus(life).minus(margin)));
  }
}
