package dev.chatbot.app.config;

import java.nio.file.Path;

/** Settings for unit tests: the defaults, with the few fields tests vary. */
public final class TestingProperties {

  private TestingProperties() {}

  public static ChatbotProperties of(
      Path uploads, Path exports, long tokensPerHour, long tokensPerDay, String trustedProxies) {
    return new ChatbotProperties(
        uploads,
        exports,
        null,
        null,
        null,
        null,
        null,
        0,
        null,
        0,
        0,
        false,
        0,
        0,
        0,
        tokensPerHour,
        tokensPerDay,
        0,
        trustedProxies,
        0.65,
        null);
  }
}
