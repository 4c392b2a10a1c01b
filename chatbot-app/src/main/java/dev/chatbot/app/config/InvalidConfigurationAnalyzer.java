package dev.chatbot.app.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the settings check as Spring Boot's "APPLICATION FAILED TO START" block, no trace. */
public class InvalidConfigurationAnalyzer
    extends AbstractFailureAnalyzer<ConfigurationCheck.InvalidConfigurationException> {

  @Override
  protected FailureAnalysis analyze(
      Throwable root, ConfigurationCheck.InvalidConfigurationException cause) {
    return new FailureAnalysis(
        "The chatbot app's settings are invalid ("
            + cause.problems().size()
            + " problems):\n - "
            + String.join("\n - ", cause.problems()),
        "Fix the environment variables named above (docs/chatbot-app.md lists them all).",
        cause);
  }
}
