package dev.chatbot.app.config;

import dev.chatbot.app.config.ChatbotProperties.ModelProvider;
import dev.chatbot.app.security.ApiKeys;
import dev.chatbot.app.security.ClientAddress;
import dev.chatbot.app.security.UsersFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;

/**
 * Checks every setting at startup and refuses to start with all problems named at once, each by its
 * environment variable, so the pod's log says exactly what to fix (see {@link
 * InvalidConfigurationAnalyzer} for how it is printed; the JVM exits non-zero). Settings Spring
 * cannot even bind (a number that is not one, an unknown provider) fail before, named by Spring.
 */
public class ConfigurationCheck
    implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

  static final int MAX_TIMEOUT_SECONDS = 600;

  /** Runs before any bean exists (registered in META-INF/spring.factories). */
  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    ChatbotProperties props =
        Binder.get(event.getEnvironment()).bindOrCreate("chatbot", ChatbotProperties.class);
    List<String> problems = problems(props);
    if (!problems.isEmpty()) {
      throw new InvalidConfigurationException(problems);
    }
  }

  /** Thrown when settings are wrong; the message lists every problem, one per line. */
  public static final class InvalidConfigurationException extends RuntimeException {
    private final List<String> problems;

    InvalidConfigurationException(List<String> problems) {
      super("invalid configuration:\n - " + String.join("\n - ", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }

  static List<String> problems(ChatbotProperties p) {
    List<String> out = new ArrayList<>();
    if (p.modelProvider() != ModelProvider.OFFLINE) {
      model(p, out);
    }
    if (p.modelTimeoutSeconds() > MAX_TIMEOUT_SECONDS) {
      out.add("CHATBOT_MODEL_TIMEOUT_SECONDS=" + p.modelTimeoutSeconds() + ": at most 600");
    }
    if (p.minRelevanceScore() < 0 || p.minRelevanceScore() >= 1) {
      out.add(
          "CHATBOT_MIN_RELEVANCE_SCORE="
              + p.minRelevanceScore()
              + ": must be at least 0 and below 1 (LangChain4j relevance, 0.5 = unrelated)");
    }
    limits(p, out);
    directory("CHATBOT_UPLOADS_DIR", p.uploadsDir(), out);
    directory("CHATBOT_EXPORTS_DIR", p.exportsDir(), out);
    if (p.authUsersFile() != null) {
      UsersFile.problem(Path.of(p.authUsersFile()))
          .ifPresent(
              problem -> out.add("CHATBOT_AUTH_USERS_FILE=" + p.authUsersFile() + ": " + problem));
    }
    if (p.authApiKeysFile() != null) {
      ApiKeys.problem(Path.of(p.authApiKeysFile()))
          .ifPresent(
              problem ->
                  out.add("CHATBOT_AUTH_API_KEYS_FILE=" + p.authApiKeysFile() + ": " + problem));
    }
    out.addAll(ClientAddress.problems(p.trustedProxies()));
    return out;
  }

  private static void model(ChatbotProperties p, List<String> out) {
    if (p.modelBaseUrl() != null) {
      try {
        URI uri = URI.create(p.modelBaseUrl());
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
            || uri.getHost() == null) {
          throw new IllegalArgumentException();
        }
      } catch (IllegalArgumentException e) {
        out.add("CHATBOT_MODEL_BASE_URL=" + p.modelBaseUrl() + ": not an http(s) URL with a host");
      }
    }
    if (p.modelProvider() == ModelProvider.OPENAI
        && p.modelBaseUrl() == null
        && p.modelApiKey() == null) {
      out.add(
          "CHATBOT_MODEL_API_KEY: required for the openai provider's default URL"
              + " https://api.openai.com/v1 (or set CHATBOT_MODEL_BASE_URL to your server)");
    }
  }

  private static void limits(ChatbotProperties p, List<String> out) {
    for (String[] pair :
        new String[][] {
          {"CHATBOT_LIMIT_TOKENS_PER_REQUEST", "" + p.tokensPerRequest()},
          {"CHATBOT_LIMIT_TOKENS_PER_HOUR", "" + p.tokensPerHour()},
          {"CHATBOT_LIMIT_TOKENS_PER_DAY", "" + p.tokensPerDay()}
        }) {
      if (Long.parseLong(pair[1]) < 0) {
        out.add(pair[0] + "=" + pair[1] + ": must be 0 (no limit) or positive");
      }
    }
    if (p.tokensPerRequest() > 0
        && p.tokensPerHour() > 0
        && p.tokensPerRequest() > p.tokensPerHour()) {
      out.add("CHATBOT_LIMIT_TOKENS_PER_REQUEST exceeds CHATBOT_LIMIT_TOKENS_PER_HOUR");
    }
    if (p.tokensPerHour() > 0 && p.tokensPerDay() > 0 && p.tokensPerHour() > p.tokensPerDay()) {
      out.add("CHATBOT_LIMIT_TOKENS_PER_HOUR exceeds CHATBOT_LIMIT_TOKENS_PER_DAY");
    }
  }

  private static void directory(String name, Path dir, List<String> out) {
    Path existing = dir.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
      out.add(name + "=" + dir + ": not a writable directory (nor creatable)");
    }
  }
}
